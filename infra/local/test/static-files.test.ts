import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from '../src/static-files.ts';

let root: string;
let server: Server;
let base: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'chophien-static-'));
  mkdirSync(join(root, '_astro'));
  writeFileSync(join(root, 'robots.txt'), 'User-agent: *\n');
  writeFileSync(join(root, '_astro', 'font.abc123.ttf'), Buffer.from([0, 1, 0, 0]));
  writeFileSync(join(tmpdir(), 'chophien-outside.txt'), 'secret');
  server = createServer((req, res) => {
    if (serveStatic(root, req, res)) return;
    res.writeHead(418).end('ssr');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((done) => server.close(done));
  rmSync(root, { recursive: true, force: true });
});

describe('local static files (offline)', () => {
  it('serves robots.txt as text with a short cache', async () => {
    const res = await fetch(`${base}/robots.txt`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(await res.text()).toBe('User-agent: *\n');
  });

  it('serves hashed assets as immutable', async () => {
    const res = await fetch(`${base}/_astro/font.abc123.ttf`);
    expect(res.headers.get('content-type')).toBe('font/ttf');
    expect(res.headers.get('cache-control')).toContain('immutable');
  });

  it('leaves pages, missing files, other methods and escapes to the SSR handler', async () => {
    expect((await fetch(`${base}/san-pham/x`)).status).toBe(418);
    expect((await fetch(`${base}/missing.txt`)).status).toBe(418);
    expect((await fetch(`${base}/robots.txt`, { method: 'POST' })).status).toBe(418);
    expect((await fetch(`${base}/..%2fchophien-outside.txt`)).status).toBe(418);
    expect((await fetch(`${base}/%E0%A4%A.txt`)).status).toBe(418);
  });
});
