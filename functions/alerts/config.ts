import { createECDH } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { alertKinds } from '@chophien/core';
import * as z from 'zod';
import { loadedSecret } from '../shared/secrets.ts';

/**
 * The alert channels' settings, read once. On AWS one Secrets Manager secret (ALERTS_SECRET, JSON) holds the
 * VAPID key pair and, when a Zalo Official Account is connected, its ZNS access token and template ids.
 * Locally the VAPID pair is made once and kept (mode 600) beside the SMS outbox in the data dir; Zalo is off
 * unless its variables are set. Nothing here is ever logged.
 */
const secretSchema = z.object({
  vapidPublicKey: z.string().min(40).optional(),
  vapidPrivateKey: z.string().min(20).optional(),
  vapidSubject: z.string().startsWith('mailto:').or(z.url()).optional(),
  znsAccessToken: z.string().min(10).optional(),
  /** Approved ZNS template id per alert kind; a kind without one is not sent by Zalo. */
  znsTemplates: z.partialRecord(z.enum(alertKinds), z.string().min(1)).optional(),
});
export type AlertsSecret = z.infer<typeof secretSchema>;

const envSchema = z.object({
  CHOPHIEN_MODE: z.enum(['local', 'aws']).default('local'),
  CHOPHIEN_OUTBOX_FILE: z.string().min(1).optional(),
  ALERTS_SECRET: z.string().optional(),
  ZALO_ZNS_ACCESS_TOKEN: z.string().optional(),
  ZALO_ZNS_TEMPLATES: z.string().optional(),
  ZALO_ZNS_URL: z.url().default('https://business.openapi.zalo.me/message/template'),
  SITE_URL: z.string().default('http://127.0.0.1:4321'),
});

function localVapid(outbox: string | undefined): AlertsSecret {
  if (!outbox) return {};
  const file = join(dirname(outbox), 'alerts-vapid.json');
  if (!existsSync(file)) {
    // A VAPID key pair is a P-256 pair: the public key uncompressed, both base64url (RFC 8292).
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    writeFileSync(
      file,
      JSON.stringify({
        vapidPublicKey: ecdh.getPublicKey().toString('base64url'),
        // 32 bytes, leading zeros kept (web-push refuses a shorter key).
        vapidPrivateKey: Buffer.from(ecdh.getPrivateKey('hex').padStart(64, '0'), 'hex').toString(
          'base64url',
        ),
        vapidSubject: 'mailto:local@chophien.invalid',
      }),
      { mode: 0o600, flag: 'wx' },
    );
  }
  return secretSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

export function alertsConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = envSchema.parse(env);
  const raw = loadedSecret('ALERTS_SECRET') ?? parsed.ALERTS_SECRET;
  const secret = raw
    ? secretSchema.parse(JSON.parse(raw))
    : parsed.CHOPHIEN_MODE === 'local'
      ? localVapid(parsed.CHOPHIEN_OUTBOX_FILE)
      : {};
  const znsAccessToken = parsed.ZALO_ZNS_ACCESS_TOKEN ?? secret.znsAccessToken;
  const znsTemplates = parsed.ZALO_ZNS_TEMPLATES
    ? secretSchema.shape.znsTemplates.parse(JSON.parse(parsed.ZALO_ZNS_TEMPLATES))
    : secret.znsTemplates;
  return {
    mode: parsed.CHOPHIEN_MODE,
    siteUrl: parsed.SITE_URL,
    vapid:
      secret.vapidPublicKey && secret.vapidPrivateKey
        ? {
            publicKey: secret.vapidPublicKey,
            privateKey: secret.vapidPrivateKey,
            subject: secret.vapidSubject ?? 'mailto:alerts@chophien.invalid',
          }
        : undefined,
    zalo:
      znsAccessToken && znsTemplates
        ? { accessToken: znsAccessToken, templates: znsTemplates, url: parsed.ZALO_ZNS_URL }
        : undefined,
  };
}
export type AlertsConfig = ReturnType<typeof alertsConfig>;
