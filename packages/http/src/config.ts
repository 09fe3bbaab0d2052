import * as z from 'zod';

const httpEnvSchema = z.object({
  POWERTOOLS_SERVICE_NAME: z.string().default('chophien'),
  /** Bodies above this many bytes are refused with 413 before parsing. */
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(256 * 1024),
  AUTH_ISSUER: z.string().min(1).optional(),
  AUTH_JWKS_URL: z.url().optional(),
  AUTH_AUDIENCE: z.string().min(1).optional(),
});
export type HttpConfig = z.infer<typeof httpEnvSchema>;

let cached: HttpConfig | undefined;

/** Parsed once per process (cold start); tests reset it with `resetHttpConfig()`. */
export const httpConfig = (): HttpConfig => {
  cached ??= httpEnvSchema.parse(process.env);
  return cached;
};

export const resetHttpConfig = (): void => {
  cached = undefined;
};
