import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { UserRepository } from '@chophien/core';
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';

/**
 * The development identity provider: exists only in local mode (infra/aws never imports it).
 * It plays Cognito's part: RS256 ID tokens with `cognito:groups`, verified by handlers through its JWKS.
 */
export const DEV_AUDIENCE = 'chophien-local';
const KEY_ID = 'chophien-dev-1';
const TOKEN_TTL_SECONDS = 12 * 60 * 60;

export interface DevIdentity {
  readonly issuer: string;
  readonly jwksUrl: string;
  readonly audience: string;
  jwks(): { keys: JWK[] };
  mintFor(user: { id: string; phone: string; name: string; roles: readonly string[] }): Promise<string>;
}

async function loadOrCreateKeys(dir: string): Promise<{ privateJwk: JWK; publicJwk: JWK }> {
  const privatePath = join(dir, 'private.jwk.json');
  const publicPath = join(dir, 'public.jwk.json');
  if (existsSync(privatePath) && existsSync(publicPath)) {
    return {
      privateJwk: JSON.parse(readFileSync(privatePath, 'utf8')) as JWK,
      publicJwk: JSON.parse(readFileSync(publicPath, 'utf8')) as JWK,
    };
  }
  mkdirSync(dir, { recursive: true });
  const { privateKey, publicKey } = await generateKeyPair('RS256', {
    extractable: true,
    modulusLength: 2048,
  });
  const privateJwk = { ...(await exportJWK(privateKey)), kid: KEY_ID, alg: 'RS256' };
  const publicJwk = { ...(await exportJWK(publicKey)), kid: KEY_ID, alg: 'RS256', use: 'sig' };
  writeFileSync(privatePath, JSON.stringify(privateJwk), { mode: 0o600 });
  writeFileSync(publicPath, JSON.stringify(publicJwk));
  return { privateJwk, publicJwk };
}

export async function createDevIdentity(options: { dataDir: string; apiUrl: string }): Promise<DevIdentity> {
  const { privateJwk, publicJwk } = await loadOrCreateKeys(join(options.dataDir, 'dev-idp'));
  const signingKey = await importJWK(privateJwk, 'RS256');
  const issuer = `${options.apiUrl}/dev-idp`;
  return {
    issuer,
    jwksUrl: `${issuer}/.well-known/jwks.json`,
    audience: DEV_AUDIENCE,
    jwks: () => ({ keys: [publicJwk] }),
    mintFor: (user) =>
      new SignJWT({
        phone_number: user.phone,
        name: user.name,
        'cognito:groups': [...user.roles],
        token_use: 'id',
      })
        .setProtectedHeader({ alg: 'RS256', kid: KEY_ID, typ: 'JWT' })
        .setSubject(user.id)
        .setIssuer(issuer)
        .setAudience(DEV_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(`${TOKEN_TTL_SECONDS}s`)
        .sign(signingKey),
  };
}

/** `POST /dev/token {"phone": "+84…"}` or `{"userId": "…"}`: a token for a seeded user. */
export async function mintForRequest(
  identity: DevIdentity,
  users: UserRepository,
  body: unknown,
): Promise<{ status: number; payload: unknown }> {
  const request = (typeof body === 'object' && body !== null ? body : {}) as {
    phone?: unknown;
    userId?: unknown;
  };
  const user =
    typeof request.userId === 'string'
      ? await users.get(request.userId)
      : typeof request.phone === 'string'
        ? await users.getByPhone(request.phone)
        : undefined;
  if (!user) {
    return {
      status: 404,
      payload: {
        error: {
          code: 'unknown_user',
          message: 'Không có người dùng mẫu với số điện thoại hoặc mã này.',
          messages: {
            vi: 'Không có người dùng mẫu với số điện thoại hoặc mã này.',
            en: 'No seeded user has this phone number or id.',
          },
        },
      },
    };
  }
  const token = await identity.mintFor(user);
  return {
    status: 200,
    payload: {
      token,
      tokenType: 'Bearer',
      expiresIn: TOKEN_TTL_SECONDS,
      user: { id: user.id, roles: user.roles },
    },
  };
}
