import { type Actor, actorFromProfile, isRole } from '@chophien/core';
import { createRemoteJWKSet, type JWTPayload, jwtVerify } from 'jose';
import { httpConfig } from '../config.ts';
import { principalLookup } from './principals.ts';

/**
 * Token verification is the same locally and on AWS: RS256 ID tokens checked against the issuer's JWKS
 * (Cognito's on AWS, the development identity provider's locally). The token proves who signed in; the
 * person's stored profile then gives their roles and grants (core's `actorFromProfile`), so a role
 * revoked or an account deactivated in the console holds on the next request everywhere.
 */
let jwks: ReturnType<typeof createRemoteJWKSet> | undefined;
let jwksUrl: string | undefined;

function keySet(url: string) {
  if (!jwks || jwksUrl !== url) {
    jwks = createRemoteJWKSet(new URL(url), { cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 });
    jwksUrl = url;
  }
  return jwks;
}

export class TokenInvalid extends Error {}

export async function verifyToken(token: string): Promise<Actor> {
  const config = httpConfig();
  if (!config.AUTH_JWKS_URL || !config.AUTH_ISSUER || !config.AUTH_AUDIENCE) {
    throw new Error('AUTH_JWKS_URL, AUTH_ISSUER and AUTH_AUDIENCE must be set for protected routes');
  }
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, keySet(config.AUTH_JWKS_URL), {
      issuer: config.AUTH_ISSUER,
      audience: config.AUTH_AUDIENCE,
      algorithms: ['RS256'],
    }));
  } catch (error) {
    throw new TokenInvalid((error as Error).message);
  }
  if (payload.token_use !== undefined && payload.token_use !== 'id')
    throw new TokenInvalid('not an ID token');
  if (typeof payload.sub !== 'string') throw new TokenInvalid('no subject');
  const groups = Array.isArray(payload['cognito:groups']) ? payload['cognito:groups'] : [];
  const claims: Actor = {
    userId: payload.sub,
    roles: groups.filter(isRole),
    ...(typeof payload.phone_number === 'string' ? { phone: payload.phone_number } : {}),
    ...(typeof payload.name === 'string' ? { name: payload.name } : {}),
  };
  const actor = actorFromProfile(claims, await principalLookup()(payload.sub));
  if (!actor) throw new TokenInvalid('account deactivated');
  return actor;
}
