import { createServer, type Server } from 'node:http';
import { DomainError, storeBusy } from '@chophien/core';
import type { Context } from 'aws-lambda';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import {
  createHandler,
  type HttpEvent,
  logger,
  reply,
  resetHttpConfig,
  usePrincipalLookup,
} from '../src/index.ts';

const context = { awsRequestId: 'ctx-request' } as Context;

function event(overrides: Partial<HttpEvent> = {}): HttpEvent {
  return {
    version: '2.0',
    routeKey: 'POST /things',
    rawPath: '/things',
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    requestContext: {
      requestId: 'req-1',
      http: { method: 'POST', path: '/things' },
    } as HttpEvent['requestContext'],
    isBase64Encoded: false,
    ...overrides,
  };
}

// A real JWKS over loopback HTTP: the handler verifies tokens exactly as it does in production.
let jwksServer: Server;
let signingKey: CryptoKey;
let otherKey: CryptoKey;
const issuer = 'https://issuer.test';
const audience = 'chophien-test';

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  signingKey = pair.privateKey;
  otherKey = (await generateKeyPair('RS256')).privateKey;
  const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  jwksServer = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
  const address = jwksServer.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  Object.assign(process.env, {
    AUTH_ISSUER: issuer,
    AUTH_AUDIENCE: audience,
    AUTH_JWKS_URL: `http://127.0.0.1:${port}/jwks.json`,
    MAX_BODY_BYTES: '1024',
  });
  resetHttpConfig();
  // The token's subject is a farmer in the people table (the stored profile gives the roles).
  const people = {
    'user-1': { roles: ['farmer'] as const },
    'user-2': { roles: ['buyer'] as const },
    'user-3': { roles: ['farmer'] as const, status: 'deactivated' as const },
  };
  usePrincipalLookup(async (userId) => {
    const person = people[userId as keyof typeof people];
    return person
      ? {
          id: userId,
          phone: '+84912000001',
          name: 'Hộ 1',
          ...person,
          roles: [...person.roles],
          createdAt: '2026-01-01T00:00:00Z',
        }
      : undefined;
  });
});

afterAll(() => new Promise<void>((resolve) => jwksServer.close(() => resolve())));

const token = (
  groups: string[],
  key: CryptoKey = signingKey,
  claims: Record<string, unknown> = {},
  subject = 'user-1',
) =>
  new SignJWT({ 'cognito:groups': groups, token_use: 'id', ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setSubject(subject)
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(key);

const bodySchema = z.object({ name: z.string().min(2), priceVnd: z.number().int().positive() }).strict();

const publicHandler = createHandler(
  { method: 'POST', path: '/things', auth: 'public' },
  { body: bodySchema, handle: ({ body }) => reply.created({ saved: body.name }) },
);

const farmerHandler = createHandler(
  { method: 'POST', path: '/things', auth: ['farmer'] },
  { body: bodySchema, handle: ({ actor }) => ({ by: actor.userId, roles: actor.roles }) },
);

const parse = (result: { body?: string }) => JSON.parse(result.body ?? '{}');

describe('createHandler (offline)', () => {
  it('runs the use-case with the validated body', async () => {
    const result = await publicHandler(
      event({ body: JSON.stringify({ name: 'Chè', priceVnd: 45000 }) }),
      context,
    );
    expect(result.statusCode).toBe(201);
    expect(parse(result)).toEqual({ saved: 'Chè' });
  });

  it('reads base64-encoded bodies as API Gateway sends them', async () => {
    const body = Buffer.from(JSON.stringify({ name: 'Vải thiều', priceVnd: 110000 })).toString('base64');
    const result = await publicHandler(event({ body, isBase64Encoded: true }), context);
    expect(parse(result)).toEqual({ saved: 'Vải thiều' });
  });

  it('answers 400 with field-level messages in Vietnamese and English', async () => {
    const result = await publicHandler(
      event({ body: JSON.stringify({ name: 'C', priceVnd: -5, extra: 1 }) }),
      context,
    );
    expect(result.statusCode).toBe(400);
    const { error } = parse(result);
    expect(error.code).toBe('validation_failed');
    expect(error.requestId).toBe('req-1');
    const paths = error.fields.map((field: { path: string }) => field.path);
    expect(paths).toEqual(expect.arrayContaining(['body.name', 'body.priceVnd', 'body']));
    const name = error.fields.find((field: { path: string }) => field.path === 'body.name');
    expect(name.messages.vi).toBe('Cần ít nhất 2 ký tự.');
    expect(name.messages.en).toBe('Must be at least 2 characters.');
  });

  it('answers a missing body as a required-field error, not a crash', async () => {
    const result = await publicHandler(event(), context);
    expect(result.statusCode).toBe(400);
    expect(parse(result).error.fields[0].messages.vi).toBe('Trường này là bắt buộc.');
  });

  it('answers malformed JSON with 400 malformed_json', async () => {
    const result = await publicHandler(event({ body: '{"name": "Chè",' }), context);
    expect(result.statusCode).toBe(400);
    expect(parse(result).error.code).toBe('malformed_json');
  });

  it('answers a non-JSON content type with 415', async () => {
    const result = await publicHandler(
      event({ body: 'name=Che', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
      context,
    );
    expect(result.statusCode).toBe(415);
    expect(parse(result).error.code).toBe('unsupported_media_type');
  });

  it('answers an oversize body with 413 before parsing it', async () => {
    const result = await publicHandler(
      event({ body: JSON.stringify({ name: 'x'.repeat(2000), priceVnd: 1 }) }),
      context,
    );
    expect(result.statusCode).toBe(413);
    expect(parse(result).error.code).toBe('payload_too_large');
  });

  it('picks English messages from Accept-Language', async () => {
    const result = await publicHandler(
      event({ body: '{', headers: { 'content-type': 'application/json', 'accept-language': 'en-GB' } }),
      context,
    );
    expect(parse(result).error.message).toBe('The request body is not valid JSON.');
  });

  it('maps domain errors to their status with their own messages', async () => {
    const handler = createHandler(
      { method: 'GET', path: '/x', auth: 'public' },
      {
        handle: () => {
          throw new DomainError('conflict', 'out_of_stock', { vi: 'Hết hàng.', en: 'Out of stock.' });
        },
      },
    );
    const result = await handler(event({ body: undefined }), context);
    expect(result.statusCode).toBe(409);
    expect(parse(result).error).toMatchObject({ code: 'out_of_stock', message: 'Hết hàng.' });
  });

  it('answers a busy store with 503 and Retry-After, so a payment provider retries (no 4xx)', async () => {
    const handler = createHandler(
      { method: 'GET', path: '/x', auth: 'public' },
      {
        handle: () => {
          throw storeBusy(7);
        },
      },
    );
    const result = await handler(event({ body: undefined }), context);
    expect(result.statusCode).toBe(503);
    expect(result.headers?.['retry-after']).toBe('7');
    expect(parse(result).error).toMatchObject({ code: 'busy' });
  });

  it('hides unexpected errors behind a bare 500 with the request id', async () => {
    const handler = createHandler(
      { method: 'GET', path: '/x', auth: 'public' },
      {
        handle: () => {
          throw new Error('ConditionalCheckFailed on table chophien-prod at arn:aws:dynamodb:secret');
        },
      },
    );
    const result = await handler(event({ body: undefined }), context);
    expect(result.statusCode).toBe(500);
    expect(result.body).not.toMatch(/arn:aws|chophien-prod|Conditional/);
    expect(parse(result).error).toMatchObject({ code: 'internal_error', requestId: 'req-1' });
  });

  it('refuses a protected route without a token (401)', async () => {
    const result = await farmerHandler(event({ body: JSON.stringify({ name: 'Na', priceVnd: 1 }) }), context);
    expect(result.statusCode).toBe(401);
  });

  it('refuses a token signed by another key (401)', async () => {
    const forged = await token(['farmer'], otherKey);
    const result = await farmerHandler(
      event({
        body: JSON.stringify({ name: 'Na', priceVnd: 1 }),
        headers: { 'content-type': 'application/json', authorization: `Bearer ${forged}` },
      }),
      context,
    );
    expect(result.statusCode).toBe(401);
  });

  it('refuses an access token where an ID token is required (401)', async () => {
    const access = await token(['farmer'], signingKey, { token_use: 'access' });
    const result = await farmerHandler(
      event({
        body: JSON.stringify({ name: 'Na', priceVnd: 1 }),
        headers: { 'content-type': 'application/json', authorization: `Bearer ${access}` },
      }),
      context,
    );
    expect(result.statusCode).toBe(401);
  });

  it('refuses a valid token without the route role (403)', async () => {
    const buyer = await token(['buyer'], signingKey, {}, 'user-2');
    const result = await farmerHandler(
      event({
        body: JSON.stringify({ name: 'Na', priceVnd: 1 }),
        headers: { 'content-type': 'application/json', authorization: `Bearer ${buyer}` },
      }),
      context,
    );
    expect(result.statusCode).toBe(403);
    expect(parse(result).error.code).toBe('forbidden_role');
  });

  it('takes roles from the stored profile, not from the token’s groups', async () => {
    const claimsAdmin = await token(['admin', 'farmer'], signingKey, {}, 'user-2');
    const refused = await farmerHandler(
      event({
        body: JSON.stringify({ name: 'Na', priceVnd: 1 }),
        headers: { 'content-type': 'application/json', authorization: `Bearer ${claimsAdmin}` },
      }),
      context,
    );
    expect(refused.statusCode).toBe(403);
    const stranger = await token(['farmer'], signingKey, {}, 'user-unknown');
    const unknown = await farmerHandler(
      event({
        body: JSON.stringify({ name: 'Na', priceVnd: 1 }),
        headers: { 'content-type': 'application/json', authorization: `Bearer ${stranger}` },
      }),
      context,
    );
    expect(unknown.statusCode).toBe(403);
  });

  it('refuses a deactivated account with a valid token (401)', async () => {
    const deactivated = await token(['farmer'], signingKey, {}, 'user-3');
    const result = await farmerHandler(
      event({
        body: JSON.stringify({ name: 'Na', priceVnd: 1 }),
        headers: { 'content-type': 'application/json', authorization: `Bearer ${deactivated}` },
      }),
      context,
    );
    expect(result.statusCode).toBe(401);
  });

  it('lets the role in, from a bearer token or the browser cookie', async () => {
    const farmer = await token(['farmer', 'not-a-role']);
    const viaHeader = await farmerHandler(
      event({
        body: JSON.stringify({ name: 'Na', priceVnd: 1 }),
        headers: { 'content-type': 'application/json', authorization: `Bearer ${farmer}` },
      }),
      context,
    );
    expect(parse(viaHeader)).toEqual({ by: 'user-1', roles: ['farmer'] });
    const viaCookie = await farmerHandler(
      event({ body: JSON.stringify({ name: 'Na', priceVnd: 1 }), cookies: [`cp_token=${farmer}`] }),
      context,
    );
    expect(viaCookie.statusCode).toBe(200);
  });

  it('validates path and query parameters with prefixed field paths', async () => {
    const handler = createHandler(
      { method: 'GET', path: '/products/{id}', auth: 'public' },
      {
        path: z.object({ id: z.string().length(26) }),
        query: z.object({ limit: z.coerce.number().int().max(50).default(20) }),
        handle: ({ path, query }) => ({ id: path.id, limit: query.limit }),
      },
    );
    const bad = await handler(
      event({ pathParameters: { id: 'short' }, queryStringParameters: { limit: '500' }, body: undefined }),
      context,
    );
    expect(bad.statusCode).toBe(400);
    expect(
      parse(bad)
        .error.fields.map((field: { path: string }) => field.path)
        .sort(),
    ).toEqual(['path.id', 'query.limit']);
    const good = await handler(event({ pathParameters: { id: 'A'.repeat(26) }, body: undefined }), context);
    expect(parse(good)).toEqual({ id: 'A'.repeat(26), limit: 20 });
  });

  it('logs structured JSON with the request id and never the token or the body', async () => {
    const secretBody = JSON.stringify({ name: 'Tài khoản 0011001234567', priceVnd: 1 });
    const forged = await token(['farmer'], otherKey);
    const lines: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    const writeError = process.stderr.write.bind(process.stderr);
    const previous = logger.getLevelName();
    logger.setLogLevel('INFO');
    const capture = ((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    }) as typeof process.stdout.write;
    // Powertools writes info to stdout and warnings/errors to stderr: read both.
    process.stdout.write = capture;
    process.stderr.write = capture;
    try {
      await farmerHandler(
        event({
          body: secretBody,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${forged}` },
        }),
        context,
      );
      await publicHandler(event({ body: secretBody }), context);
    } finally {
      process.stdout.write = write;
      process.stderr.write = writeError;
      logger.setLogLevel(previous);
    }
    const logged = lines.join('');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect(logged).toContain('"requestId":"req-1"');
    expect(logged).toContain('token rejected');
    expect(logged).not.toContain(forged);
    expect(logged).not.toContain(forged.split('.')[2]!);
    expect(logged).not.toContain('0011001234567');
  });
});
