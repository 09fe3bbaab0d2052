import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gtinCheckDigit, isValidGln, isValidGtin, isValidSscc, padGtin14 } from '../src/index.ts';

describe('GS1 mod-10 check digits', () => {
  it('computes the traceability.md example', () => {
    expect(gtinCheckDigit('0952012345678')).toBe(8);
    expect(isValidGtin('09520123456788')).toBe(true);
    expect(isValidGtin('09520123456789')).toBe(false);
  });

  it('accepts GTIN-8/12/13/14 and nothing else', () => {
    expect(isValidGtin('02345673')).toBe(true);
    expect(isValidGtin('416000336108')).toBe(true);
    expect(isValidGtin('2112345678900')).toBe(true);
    expect(isValidGtin('8931234567897')).toBe(true);
    expect(isValidGtin('12312312312333')).toBe(true);
    expect(isValidGtin('123456789012345')).toBe(false);
    expect(isValidGtin('1234567')).toBe(false);
    expect(isValidGtin('0952012345678a')).toBe(false);
    expect(isValidGtin('')).toBe(false);
  });

  it('pads to GTIN-14 without changing the check digit', () => {
    expect(padGtin14('2112345678900')).toBe('02112345678900');
    expect(padGtin14('416000336108')).toBe('00416000336108');
    expect(padGtin14('02345673')).toBe('00000002345673');
    expect(padGtin14('09520123456788')).toBe('09520123456788');
    expect(padGtin14('09520123456789')).toBeUndefined();
  });

  it('validates GLN (13) and SSCC (18)', () => {
    const gln = `893123400000${gtinCheckDigit('893123400000')}`;
    expect(isValidGln(gln)).toBe(true);
    expect(isValidGln(`${gln.slice(0, 12)}${(Number(gln[12]) + 1) % 10}`)).toBe(false);
    expect(isValidGln(gln.slice(1))).toBe(false);
    expect(isValidSscc('006141411234567890')).toBe(true);
    expect(isValidSscc('006141411234567891')).toBe(false);
  });

  it('rejects non-digits given to gtinCheckDigit', () => {
    expect(() => gtinCheckDigit('12a')).toThrow(TypeError);
    expect(() => gtinCheckDigit('')).toThrow(TypeError);
  });

  it('appending the computed digit always yields a valid code; any other digit never does', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{13}$/), fc.integer({ min: 1, max: 9 }), (body, delta) => {
        const check = gtinCheckDigit(body);
        expect(isValidGtin(`${body}${check}`)).toBe(true);
        expect(isValidGtin(`${body}${(check + delta) % 10}`)).toBe(false);
      }),
    );
  });
});
