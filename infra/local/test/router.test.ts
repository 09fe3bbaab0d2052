import { describe, expect, it } from 'vitest';
import { createRouter } from '../src/router.ts';

const routes = [
  { method: 'GET', path: '/products/{id}', handler: 'p/get', auth: 'public', data: 'read' },
  { method: 'GET', path: '/products/search', handler: 'p/search', auth: 'public', data: 'read' },
  { method: 'POST', path: '/products', handler: 'p/create', auth: ['farmer'], data: 'readwrite' },
  { method: 'GET', path: '/files/{key+}', handler: 'f/get', auth: 'public', data: 'none' },
  { method: 'GET', path: '/01/{gtin}/10/{lot}', handler: 't/resolve', auth: 'public', data: 'read' },
] as const;

describe('local router (offline)', () => {
  const route = createRouter(routes);

  it('prefers a literal segment over a parameter, as API Gateway does', () => {
    const match = route('GET', '/products/search');
    expect(match.kind === 'found' && match.compiled.route.handler).toBe('p/search');
  });

  it('extracts and percent-decodes path parameters', () => {
    const match = route('GET', '/01/09520123456788/10/AB%2FC1');
    expect(match).toMatchObject({ kind: 'found', pathParameters: { gtin: '09520123456788', lot: 'AB/C1' } });
  });

  it('matches greedy parameters across slashes', () => {
    const match = route('GET', '/files/a/b/c.png');
    expect(match).toMatchObject({ kind: 'found', pathParameters: { key: 'a/b/c.png' } });
  });

  it('is not found for a known path under another method, or an unknown path', () => {
    expect(route('DELETE', '/products').kind).toBe('not_found');
    expect(route('GET', '/products/1/extra').kind).toBe('not_found');
  });

  it('keeps malformed percent-escapes as they are rather than throwing', () => {
    const match = route('GET', '/products/%E0%A4%A');
    expect(match).toMatchObject({ kind: 'found', pathParameters: { id: '%E0%A4%A' } });
  });
});
