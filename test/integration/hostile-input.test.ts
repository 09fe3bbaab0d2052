import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { type RouteDefinition, routes } from '@chophien/functions';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/api.ts';

/**
 * Every route of the route table under hostile input: fast-check bodies, query strings, path parameters
 * and headers (oversize, wrong types, unicode, injection strings, missing/forged/wrong-role tokens).
 * The platform must answer < 500 every time, a JSON error for every 4xx, and write nothing.
 */
let api: TestApi;
let tokens: string[] = [];

beforeAll(async () => {
  api = await startTestApi();
  // Real tokens of every role, so garbage also reaches validation and the use-cases, not just auth.
  const phones = [
    '+84912000001',
    '+84987000001',
    '+84987000011',
    '+84987000021',
    '+84987000031',
    '+84987000041',
  ];
  tokens = await Promise.all(phones.map((phone) => api.tokenFor({ phone })));
});
afterAll(async () => {
  await api?.stop();
});

const injection = fc.constantFrom(
  "' OR '1'='1",
  '"; DROP TABLE chophien; --',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  `$${'{'}jndi:ldap://127.0.0.1/a}`,
  '{{7*7}}',
  '%00',
  'Đ̸̢̛ạ̴ị̷ ̸V̶i̷ệ̵t̶',
  '\u0000\u202e\uFEFF',
  'PAYMENT#x#y',
);
const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  injection,
);
const jsonValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(text, fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null)), {
    maxKeys: 6,
  }),
);
const body = fc.oneof(
  jsonValue.map((value) => ({ raw: JSON.stringify(value), type: 'application/json' })),
  text.map((value) => ({ raw: value, type: 'application/json' })),
  text.map((value) => ({ raw: value, type: 'text/plain' })),
  fc.constant({ raw: JSON.stringify({ x: 'a'.repeat(300 * 1024) }), type: 'application/json' }),
  fc.constant({ raw: '', type: '' }),
);
const forgedToken = fc
  .tuple(fc.base64String({ minLength: 8, maxLength: 40 }), fc.base64String({ minLength: 8, maxLength: 80 }))
  .map(([a, b]) => `eyJhbGciOiJSUzI1NiJ9.${a.replace(/=/g, '')}.${b.replace(/=/g, '')}`);

function requestFor(route: RouteDefinition) {
  const parameterNames = [...route.path.matchAll(/\{(\w+)\+?\}/g)].map((match) => match[1]!);
  return fc.record({
    path: fc.tuple(...parameterNames.map(() => fc.oneof(text, fc.stringMatching(/^[0-9A-Z]{1,30}$/)))),
    query: fc.dictionary(fc.oneof(text, fc.constantFrom('lot', 'limit', 'q', 'linkType')), text, {
      maxKeys: 4,
    }),
    body,
    auth: fc.oneof(fc.constant(undefined), forgedToken, fc.constantFrom(...tokens)),
    language: fc.constantFrom('vi', 'en-US', '*', 'xx'),
  });
}

/**
 * Routes that take no input beyond the caller's token: garbage in the body is ignored, so a real token
 * of the right role legitimately succeeds and writes (a one-time till ticket). Everything else must
 * write nothing (an admin's sweep may succeed, but there is nothing due to sweep).
 */
const needsOnlyAToken = new Set(['POST /vendor/till-tickets']);

const itemCount = async () =>
  (await api.db.doc.send(new ScanCommand({ TableName: api.db.tableName, Select: 'COUNT' }))).Count ?? 0;

describe('hostile input on every route (connected)', () => {
  it.each(routes.map((route) => [`${route.method} ${route.path}`, route] as const))(
    '%s never answers 5xx and writes nothing',
    async (_name, route) => {
      const before = await itemCount();
      let accepted = 0;
      await fc.assert(
        fc.asyncProperty(requestFor(route), async (input) => {
          let index = 0;
          const path = route.path.replace(/\{\w+\+?\}/g, () => {
            const value = input.path[index++] ?? '';
            return encodeURIComponent(value) || 'x';
          });
          const query = new URLSearchParams(input.query).toString();
          const headers: Record<string, string> = { 'accept-language': input.language };
          if (input.body.type) headers['content-type'] = input.body.type;
          if (input.auth) headers.authorization = `Bearer ${input.auth}`;
          const hasBody = route.method !== 'GET' && input.body.raw !== '';
          const response = await api.request(route.method, `${path}${query ? `?${query}` : ''}`, {
            headers,
            ...(hasBody ? { rawBody: input.body.raw } : {}),
          });
          expect(
            response.status,
            `${route.method} ${path} → ${response.status} ${response.text.slice(0, 300)}`,
          ).toBeLessThan(500);
          if (response.status < 300 && route.method !== 'GET') accepted += 1;
          if (response.status >= 400 && response.headers.get('content-type')?.includes('json')) {
            expect(response.json?.error?.code ?? response.json?.message).toBeTruthy();
          }
        }),
        { numRuns: 40 },
      );
      if (route.method === 'GET') return;
      if (needsOnlyAToken.has(`${route.method} ${route.path}`)) {
        // One item per accepted request at most (the ticket), nothing for the refused ones.
        expect(await itemCount()).toBeLessThanOrEqual(before + accepted);
      } else {
        expect(await itemCount()).toBe(before);
      }
    },
  );
});
