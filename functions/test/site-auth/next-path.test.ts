import { describe, expect, it } from 'vitest';
import { safeNextPath } from '../../../site/src/features/auth/next-path.ts';
import { signInHref } from '../../../site/src/features/auth/session.ts';

/** The storefront's sign-in `next` rule (site/src/features/auth), tested here because the unit suite runs functions/test. */
describe('safeNextPath: only same-site relative paths', () => {
  it.each([
    ['/ban-hang', '/ban-hang'],
    ['/en/quan-ly-cho', '/en/quan-ly-cho'],
    ['/san-pham/che?goi=100g#mua', '/san-pham/che?goi=100g#mua'],
    ['/', '/'],
    ['/a/../ban-hang', '/ban-hang'],
    ['/./ban-hang', '/ban-hang'],
    // Encoded slashes in the query string are data, not a path: kept.
    ['/tim-kiem?q=a%2Fb', '/tim-kiem?q=a%2Fb'],
    ['/tim-kiem?q=ch%C3%A8', '/tim-kiem?q=ch%C3%A8'],
  ])('keeps %s', (raw, expected) => {
    expect(safeNextPath(raw)).toBe(expected);
  });

  // Every form known to turn a path into another host once a browser, a proxy or a URL parser has read it.
  it.each([
    ['protocol-relative host', '//evil.example/x'],
    ['backslash host', '/\\evil.example'],
    ['backslashes anywhere', '/ok\\..\\x'],
    ['triple slash', '///evil.example'],
    ['dot segment then empty segment', '/.//evil.example'],
    ['dot-dot segment then empty segment', '/..//evil.example'],
    ['climbing back to an empty segment', '/a/..//evil.example'],
    ['deeper climb', '/a/b/../..//evil.example'],
    ['encoded dot segment', '/%2e//evil.example'],
    ['encoded dot-dot segment', '/%2E%2E//evil.example'],
    ['climb through an encoded dot-dot', '/a/%2e%2e//evil.example'],
    ['dot then backslash', '/./\\evil.example'],
    ['encoded slashes', '/%2F%2Fevil.example'],
    ['encoded slash, lower case', '/%2f/evil.example'],
    ['encoded backslash', '/%5Cevil.example'],
    ['encoded backslash, lower case', '/%5c%5cevil.example'],
    ['encoded slash after a dot', '/.%2F/evil.example'],
    ['double-encoded slashes', '/%252F%252Fevil.example'],
    ['encoded tab', '/%09/evil.example'],
    ['encoded NUL', '/a%00b'],
    ['https URL', 'https://evil.example/'],
    ['scheme-relative https without slashes', 'https:evil.example'],
    ['javascript scheme', 'javascript:alert(1)'],
    ['javascript scheme, mixed case', 'JaVaScRiPt:alert(1)'],
    ['data scheme', 'data:text/html,hi'],
    ['relative without slash', 'ban-hang'],
    ['tab inside the authority', '/\t/evil.example'],
    ['newline', '/\n/evil.example'],
    ['carriage return', '/\r/evil.example'],
    ['DEL character', '/\u007f/evil.example'],
    ['leading space', ' /ban-hang'],
    ['empty', ''],
    ['too long', `/${'a'.repeat(3000)}`],
  ])('refuses %s', (_what, raw) => {
    expect(safeNextPath(raw)).toBe('/');
  });

  it('refuses what is not a string at all', () => {
    expect(safeNextPath(null)).toBe('/');
    expect(safeNextPath(undefined)).toBe('/');
    expect(safeNextPath(['/ban-hang'])).toBe('/');
  });

  it('whatever it returns is a single-slash path on this origin (a browser resolves it to the same host)', () => {
    const forms = ['/.//x', '/..//x', '/a/..//x', '//x', '/\\x', '/%2e//x', '/ok', '/a/./b', '/a/../../x'];
    for (const raw of forms) {
      const kept = safeNextPath(raw);
      expect(kept.startsWith('/') && !kept.startsWith('//')).toBe(true);
      expect(new URL(kept, 'https://chophien.vn/dang-nhap').host).toBe('chophien.vn');
    }
  });
});

describe('signInHref', () => {
  it('points at the sign-in page in the right language with an encoded next', () => {
    expect(signInHref('vi', '/ban-hang')).toBe('/dang-nhap?next=%2Fban-hang');
    expect(signInHref('en', '/en/quay-thu?cho=td')).toBe('/en/dang-nhap?next=%2Fen%2Fquay-thu%3Fcho%3Dtd');
  });

  it('drops a next that is the home page or not allowed', () => {
    expect(signInHref('vi', '/')).toBe('/dang-nhap');
    expect(signInHref('vi', '//evil.example')).toBe('/dang-nhap');
    expect(signInHref('vi', '/.//evil.example')).toBe('/dang-nhap');
  });
});
