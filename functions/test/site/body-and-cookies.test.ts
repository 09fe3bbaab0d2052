import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PHOTO_LIMITS } from '@chophien/core';
import type { AstroCookies } from 'astro';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  clearTokenCookie,
  setPendingSignIn,
  setTokenCookie,
} from '../../../site/src/features/auth/session.ts';
import { writeCart } from '../../../site/src/features/marketplace/cart.ts';
import { bodyRefusal, FORM_BODY_MAX_BYTES } from '../../../site/src/lib/body-limit.ts';

/** Storefront request bodies and cookies (site/src/lib), tested here because the unit suite runs functions/test. */

const post = (path: string, body: BodyInit, headers: Record<string, string> = {}) =>
  new Request(`http://127.0.0.1:4321${path}`, {
    method: 'POST',
    body,
    headers,
    duplex: 'half',
  } as RequestInit);

/** A body sent in chunks without a Content-Length, as a script (never a browser form) can. */
function chunked(totalBytes: number, chunk = 64 * 1024): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= totalBytes) return controller.close();
      const size = Math.min(chunk, totalBytes - sent);
      sent += size;
      controller.enqueue(new Uint8Array(size).fill(0x61));
    },
  });
}

describe('storefront request bodies', () => {
  it('refuses a form post declaring more than the small cap with 413, in Vietnamese first', async () => {
    const refused = await bodyRefusal(
      post('/thanh-toan', 'x', { 'content-length': String(20 * 1024 * 1024) }),
      '/thanh-toan',
    );
    expect(refused?.status).toBe(413);
    expect(await refused?.text()).toMatch(
      /^Nội dung gửi lên quá lớn \(tối đa 128 KB\)\.\nRequest body too large/,
    );
  });

  it('counts a chunked body without a length and stops one chunk past the cap', async () => {
    let pulled = 0;
    const huge = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(64 * 1024));
      },
    });
    const refused = await bodyRefusal(post('/gio-hang', huge), '/gio-hang');
    expect(refused?.status).toBe(413);
    // Never read the tens of megabytes: a few chunks past 128 KB at most.
    expect(pulled).toBeLessThanOrEqual(6);
  });

  it('lets an ordinary form through, and the page still reads the whole body', async () => {
    const form = new URLSearchParams({ phone: '0987 000 011', intent: 'request' }).toString();
    const declared = post('/dang-nhap', form, { 'content-type': 'application/x-www-form-urlencoded' });
    expect(await bodyRefusal(declared, '/dang-nhap')).toBeUndefined();
    const streamed = post('/gio-hang', chunked(FORM_BODY_MAX_BYTES - 1));
    expect(await bodyRefusal(streamed, '/gio-hang')).toBeUndefined();
    expect((await streamed.arrayBuffer()).byteLength).toBe(FORM_BODY_MAX_BYTES - 1);
  });

  it('the photo page keeps its own cap (the largest photo plus the multipart envelope), and only that page', async () => {
    const photo = String(PHOTO_LIMITS.maxBytes + 2000);
    expect(
      await bodyRefusal(post('/x', 'x', { 'content-length': photo }), '/nong-dan/san-pham/01J/anh'),
    ).toBeUndefined();
    expect(
      (await bodyRefusal(post('/x', 'x', { 'content-length': photo }), '/nong-dan/san-pham'))?.status,
    ).toBe(413);
    expect(
      (
        await bodyRefusal(
          post('/x', 'x', { 'content-length': String(PHOTO_LIMITS.maxBytes + 1024 * 1024) }),
          '/nong-dan/san-pham/01J/anh',
        )
      )?.status,
    ).toBe(413);
  });

  it('never touches GET requests', async () => {
    expect(await bodyRefusal(new Request('http://127.0.0.1/'), '/')).toBeUndefined();
  });
});

type CookieCall = { op: 'set' | 'delete'; name: string; options: Record<string, unknown> };
function recordingCookies(): { cookies: AstroCookies; calls: CookieCall[] } {
  const calls: CookieCall[] = [];
  const cookies = {
    set: (name: string, _value: string, options: Record<string, unknown>) =>
      calls.push({ op: 'set', name, options }),
    delete: (name: string, options: Record<string, unknown>) => calls.push({ op: 'delete', name, options }),
  } as unknown as AstroCookies;
  return { cookies, calls };
}

describe('storefront cookies', () => {
  afterEach(() => vi.unstubAllEnvs());
  const https = new URL('https://chophien.vn/gio-hang');
  const http = new URL('http://127.0.0.1:4321/gio-hang');
  const line = [{ productId: '01J', packId: '500g', quantity: 1 }];

  it('the cart cookie is Secure, HttpOnly and SameSite=Lax over HTTPS (set and cleared)', () => {
    const { cookies, calls } = recordingCookies();
    writeCart(cookies, https, line);
    writeCart(cookies, https, []);
    expect(calls).toEqual([
      {
        op: 'set',
        name: 'cp_cart',
        options: expect.objectContaining({ secure: true, httpOnly: true, sameSite: 'lax', path: '/' }),
      },
      { op: 'delete', name: 'cp_cart', options: expect.objectContaining({ secure: true, path: '/' }) },
    ]);
  });

  it('every cookie is Secure on AWS, even when the hop to the server is plain http', () => {
    vi.stubEnv('CHOPHIEN_MODE', 'aws');
    const { cookies, calls } = recordingCookies();
    writeCart(cookies, http, line);
    setTokenCookie(cookies, 'a.eyJleHAiOjk5OTk5OTk5OTl9.c', http);
    setPendingSignIn(cookies, { phone: '+84987000011' }, http);
    clearTokenCookie(cookies, http);
    expect(calls.map((call) => call.options.secure)).toEqual([true, true, true, true]);
  });

  it('is not Secure on a laptop over plain http (the browser would never send it back)', () => {
    vi.stubEnv('CHOPHIEN_MODE', 'local');
    vi.stubEnv('SITE_URL', 'http://127.0.0.1:4321');
    const { cookies, calls } = recordingCookies();
    writeCart(cookies, http, line);
    expect(calls[0]?.options.secure).toBe(false);
  });

  it('no page or feature sets a cookie except through site/src/lib/cookies.ts', () => {
    const siteSrc = new URL('../../../site/src/', import.meta.url).pathname;
    const offenders: string[] = [];
    const visit = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) visit(path);
        else if (/\.(ts|astro|mjs|js)$/.test(name) && relative(siteSrc, path) !== join('lib', 'cookies.ts')) {
          const text = readFileSync(path, 'utf8');
          if (/cookies\.(set|delete)\(|set-cookie/i.test(text)) offenders.push(relative(siteSrc, path));
        }
      }
    };
    visit(siteSrc);
    expect(offenders).toEqual([]);
  });
});
