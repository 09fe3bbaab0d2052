import { describe, expect, it } from 'vitest';
import { displayPhone, toE164Vietnam } from '../../../site/src/features/auth/phone.ts';

describe('toE164Vietnam: the number as people type it', () => {
  it.each([
    ['0987000011', '+84987000011'],
    ['0987 000 011', '+84987000011'],
    ['098.700.0011', '+84987000011'],
    ['+84 987 000 011', '+84987000011'],
    ['84987000011', '+84987000011'],
    ['(098) 700-0011', '+84987000011'],
  ])('%s → %s', (input, expected) => {
    expect(toE164Vietnam(input)).toBe(expected);
  });

  it.each(['', '12345', '+1 415 555 0100', '00987000011', 'abc', '0987000011999'])('refuses %j', (input) => {
    expect(toE164Vietnam(input)).toBeUndefined();
  });

  it('shows it back the local way', () => {
    expect(displayPhone('+84987000011')).toBe('0987 000 011');
  });
});
