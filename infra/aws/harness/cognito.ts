/**
 * The user pool's signing keys: ID tokens shaped like Cognito's (RS256, `token_use: id`,
 * `cognito:groups`, the app client as audience) for the people the journeys play, with the JWKS
 * published at the pool's well-known URL on the AWS stand-in.
 */
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';

export interface Person {
  readonly id: string;
  readonly phone: string;
  readonly name?: string;
  readonly roles: readonly string[];
}

export interface UserPool {
  readonly poolId: string;
  readonly clientId: string;
  readonly issuer: string;
  readonly jwks: { keys: JWK[] };
  idToken(person: Person): Promise<string>;
}

export async function createUserPool(region: string, poolId: string, clientId: string): Promise<UserPool> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', {
    extractable: true,
    modulusLength: 2048,
  });
  const kid = randomUUID();
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const issuer = `https://cognito-idp.${region}.amazonaws.com/${poolId}`;
  return {
    poolId,
    clientId,
    issuer,
    jwks: { keys: [publicJwk] },
    idToken: (person) =>
      new SignJWT({
        'cognito:groups': [...person.roles],
        'cognito:username': person.id,
        phone_number: person.phone,
        phone_number_verified: true,
        ...(person.name ? { name: person.name } : {}),
        token_use: 'id',
        auth_time: Math.floor(Date.now() / 1000),
      })
        .setProtectedHeader({ alg: 'RS256', kid })
        .setSubject(person.id)
        .setIssuer(issuer)
        .setAudience(clientId)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(privateKey),
  };
}
