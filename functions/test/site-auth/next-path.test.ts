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
  ])('keeps %s', (raw, expected) => {
    expect(safeNextPath(raw)).toBe(expected);
  });

  it.each([
    ['protocol-relative host', '//evil.example/x'],
    ['backslash host', '/\\evil.example'],
    ['backslashes anywhere', '/ok\\..\\x'],
    ['triple slash', '///evil.example'],
    ['https URL', 'https://evil.example/'],
    ['javascript scheme', 'javascript:alert(1)'],
    ['data scheme', 'data:text/html,hi'],
    ['relative without slash', 'ban-hang'],
    ['tab inside the authority', '/\t/evil.example'],
    ['newline', '/\n/evil.example'],
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
});

describe('signInHref', () => {
  it('points at the sign-in page in the right language with an encoded next', () => {
    expect(signInHref('vi', '/ban-hang')).toBe('/dang-nhap?next=%2Fban-hang');
    expect(signInHref('en', '/en/quay-thu?cho=td')).toBe('/en/dang-nhap?next=%2Fen%2Fquay-thu%3Fcho%3Dtd');
  });

  it('drops a next that is the home page or not allowed', () => {
    expect(signInHref('vi', '/')).toBe('/dang-nhap');
    expect(signInHref('vi', '//evil.example')).toBe('/dang-nhap');
  });
});
