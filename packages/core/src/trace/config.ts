import { z } from 'zod';

/** The one reading of the trace area's environment, validated at cold start. */
const traceEnvSchema = z
  .object({
    CHOPHIEN_MODE: z.string().optional(),
    /** HMAC key for serial tokens and scratch PINs; at least 32 characters, never committed for AWS. */
    TRACE_SIGNING_SECRET: z.string().min(32).optional(),
    /** Origin printed in QR codes (the resolver); defaults to the API's own origin. */
    TRACE_RESOLVER_URL: z.url().optional(),
    API_URL: z.url().optional(),
    SITE_URL: z.url().optional(),
  })
  .transform((env, ctx) => {
    const local = env.CHOPHIEN_MODE === 'local';
    const secret = env.TRACE_SIGNING_SECRET ?? (local ? LOCAL_ONLY_SECRET : undefined);
    if (!secret) {
      ctx.addIssue({
        code: 'custom',
        path: ['TRACE_SIGNING_SECRET'],
        message: 'TRACE_SIGNING_SECRET is required outside local mode',
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
      resolverUrl: env.TRACE_RESOLVER_URL ?? env.API_URL ?? siteUrl,
      siteUrl,
    };
  });

// Development only: local mode is the one place a default is acceptable (the brief forbids one for AWS).
const LOCAL_ONLY_SECRET = 'chophien-local-development-trace-secret-not-for-production';

export type TraceConfig = z.output<typeof traceEnvSchema>;

export const readTraceConfig = (env: Record<string, string | undefined>): TraceConfig =>
  traceEnvSchema.parse(env);

let cached: TraceConfig | undefined;
export const traceConfig = (): TraceConfig => {
  cached ??= readTraceConfig(process.env);
  return cached;
};
