import { stallCeilingFrom } from '@chophien/core';
import * as z from 'zod';
import { loadedSecret } from '../shared/secrets.ts';

/**
 * The markets area's environment, parsed once per container (cold start). The stall-code secret is
 * plain env locally and a Secrets Manager ARN on AWS (`STALL_CODE_SECRET_ARN`, loaded at cold start by
 * functions/shared/secrets.ts). Only the routes that declare `stallCodes` get it, so it is optional
 * here and the standee route refuses to work without it.
 */
const marketsEnvSchema = z
  .object({
    CHOPHIEN_MODE: z.enum(['local', 'aws']).default('aws'),
    /** HMAC key of stall check codes (printed under each stall's QR). */
    STALL_CODE_SECRET: z.string().min(16).optional(),
    /** AWS: the secret holding STALL_CODE_SECRET; its value is loaded at cold start. */
    STALL_CODE_SECRET_ARN: z.string().min(1).optional(),
    /** Local mode: the mode-600 JSON file holding channel secrets (written by the local runtime). */
    MARKETS_SECRETS_FILE: z.string().min(1).optional(),
    /** AWS: Secrets Manager name prefix; one secret per channel, `<prefix><channelId>`. */
    CHANNEL_SECRET_PREFIX: z.string().default('chophien/bank-channels/'),
    /** SePay's user API (transaction list for the missed-notification poll); locally the bank simulator's. */
    SEPAY_API_URL: z.url().default('https://my.sepay.vn'),
    /** The most one stall amount (a sale, a line's unit price) may be, in đồng (money/amount-bounds.ts). */
    STALL_CEILING_VND: z.string().optional(),
    /** Not env: the value behind STALL_CODE_SECRET_ARN. */
    loadedStallCodeSecret: z.string().min(16).optional(),
  })
  .transform(({ loadedStallCodeSecret, ...env }, context) => {
    if (env.STALL_CODE_SECRET_ARN && !env.STALL_CODE_SECRET && !loadedStallCodeSecret) {
      context.addIssue({
        code: 'custom',
        path: ['STALL_CODE_SECRET_ARN'],
        message: 'STALL_CODE_SECRET_ARN is set but its value was not loaded at cold start',
      });
      return z.NEVER;
    }
    const stallCodeSecret =
      env.STALL_CODE_SECRET ??
      loadedStallCodeSecret ??
      (env.CHOPHIEN_MODE === 'local' ? 'local-dev-stall-code-secret-not-for-aws' : undefined);
    return { ...env, stallCodeSecret, stallCeilingVnd: stallCeilingFrom(env.STALL_CEILING_VND) };
  });

export type MarketsConfig = z.infer<typeof marketsEnvSchema>;

export const readMarketsConfig = (
  env: Record<string, string | undefined>,
  loaded: { readonly stallCodeSecret?: string } = {},
): MarketsConfig => marketsEnvSchema.parse({ ...env, loadedStallCodeSecret: loaded.stallCodeSecret });

let cached: MarketsConfig | undefined;
export const marketsConfig = (): MarketsConfig => {
  cached ??= readMarketsConfig(process.env, { stallCodeSecret: loadedSecret('STALL_CODE_SECRET') });
  return cached;
};
