import { z } from 'zod';

/** The markets area's environment, parsed once per container (cold start). */
const marketsEnvSchema = z
  .object({
    CHOPHIEN_MODE: z.enum(['local', 'aws']).default('aws'),
    /** HMAC key of stall check codes (printed under each stall's QR). */
    STALL_CODE_SECRET: z.string().min(16).optional(),
    /** Local mode: the mode-600 JSON file holding channel secrets (written by the local runtime). */
    MARKETS_SECRETS_FILE: z.string().min(1).optional(),
    /** AWS: Secrets Manager name prefix; one secret per channel, `<prefix><channelId>`. */
    CHANNEL_SECRET_PREFIX: z.string().default('chophien/bank-channels/'),
  })
  .transform((env, context) => {
    const stallCodeSecret =
      env.STALL_CODE_SECRET ??
      (env.CHOPHIEN_MODE === 'local' ? 'local-dev-stall-code-secret-not-for-aws' : undefined);
    if (!stallCodeSecret) {
      context.addIssue({ code: 'custom', message: 'STALL_CODE_SECRET is required outside local mode' });
      return z.NEVER;
    }
    return { ...env, stallCodeSecret };
  });

export type MarketsConfig = z.infer<typeof marketsEnvSchema>;

let cached: MarketsConfig | undefined;
export const marketsConfig = (): MarketsConfig => {
  cached ??= marketsEnvSchema.parse(process.env);
  return cached;
};
