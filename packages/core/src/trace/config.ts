import * as z from 'zod';

/**
 * The one reading of the trace area's environment, validated at cold start.
 * The signing secret comes either as plain env (local runs, tests) or, on AWS, as the ARN of a Secrets
 * Manager secret (`TRACE_SIGNING_SECRET_ARN`) whose value the functions layer loads at cold start and
 * hands over with `provideTraceSigningSecret` — core never talks to AWS, and the value never sits in
 * the Lambda configuration (docs/decisions/0303-aws-runtime-configuration.md).
 */
const traceEnvSchema = z
  .object({
    CHOPHIEN_MODE: z.string().optional(),
    /** HMAC key for serial tokens and scratch PINs; at least 32 characters, never committed for AWS. */
    TRACE_SIGNING_SECRET: z.string().min(32).optional(),
    /** AWS: the secret holding the key; its value arrives through `provideTraceSigningSecret`. */
    TRACE_SIGNING_SECRET_ARN: z.string().min(1).optional(),
    /** Origin printed in QR codes (the resolver); defaults to SITE_URL (locally: the API's origin). */
    TRACE_RESOLVER_URL: z.url().optional(),
    API_URL: z.url().optional(),
    SITE_URL: z.url().optional(),
    /** Not env: the value behind TRACE_SIGNING_SECRET_ARN, passed in by `readTraceConfig`. */
    loadedSigningSecret: z.string().min(32).optional(),
  })
  .transform((env, ctx) => {
    const local = env.CHOPHIEN_MODE === 'local';
    if (env.TRACE_SIGNING_SECRET_ARN && !env.TRACE_SIGNING_SECRET && !env.loadedSigningSecret) {
      ctx.addIssue({
        code: 'custom',
        path: ['TRACE_SIGNING_SECRET_ARN'],
        message: 'TRACE_SIGNING_SECRET_ARN is set but its value was not loaded at cold start',
      });
      return z.NEVER;
    }
    const secret =
      env.TRACE_SIGNING_SECRET ?? env.loadedSigningSecret ?? (local ? LOCAL_ONLY_SECRET : undefined);
    if (!secret) {
      ctx.addIssue({
        code: 'custom',
        path: ['TRACE_SIGNING_SECRET'],
        message: 'TRACE_SIGNING_SECRET (or TRACE_SIGNING_SECRET_ARN) is required outside local mode',
      });
      return z.NEVER;
    }
    const siteUrl = env.SITE_URL ?? (local ? (env.API_URL ?? 'http://127.0.0.1:4321') : undefined);
    if (!siteUrl) {
      // A wrong origin would be printed on labels and sent in redirects: refuse to guess outside local mode.
      ctx.addIssue({
        code: 'custom',
        path: ['SITE_URL'],
        message: 'SITE_URL is required outside local mode',
      });
      return z.NEVER;
    }
    return {
      signingSecret: secret,
      // One public base for what is printed or cited (label QR codes, EPCIS ids), whichever adapter
      // renders it: on AWS the brand domain, where CloudFront serves /01, /l and /epcis. Only locally,
      // where the storefront does not serve those paths, the API's own origin resolves them.
      resolverUrl: env.TRACE_RESOLVER_URL ?? (local ? (env.API_URL ?? siteUrl) : siteUrl),
      siteUrl,
    };
  });

// Development only: local mode is the one place a default is acceptable (the brief forbids one for AWS).
const LOCAL_ONLY_SECRET = 'chophien-local-development-trace-secret-not-for-production';

export type TraceConfig = z.output<typeof traceEnvSchema>;

/** `loaded`: the secret's value when the env names it by ARN (loaded by the caller, not here). */
export const readTraceConfig = (
  env: Record<string, string | undefined>,
  loaded: { readonly signingSecret?: string } = {},
): TraceConfig => traceEnvSchema.parse({ ...env, loadedSigningSecret: loaded.signingSecret });

let cached: TraceConfig | undefined;
let provided: string | undefined;

/** The value of `TRACE_SIGNING_SECRET_ARN`, loaded by the runtime (functions/shared/secrets.ts, the site). */
export const provideTraceSigningSecret = (secret: string): void => {
  provided = secret;
  cached = undefined;
};

export const traceConfig = (): TraceConfig => {
  cached ??= readTraceConfig(process.env, { signingSecret: provided });
  return cached;
};
