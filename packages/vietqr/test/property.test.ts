import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildVietQR, listBanks, parseVietQR, type VietQRInput } from '../src/index.ts';
import { withCrc } from './helpers.ts';

const printable = (max: number) =>
  fc.string({
    unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFXYZ0123456789 .-_/'.split('')),
    minLength: 1,
    maxLength: max,
  });
const vietnamese = (max: number) =>
  fc.string({
    unit: fc.constantFrom(...'aăâđeêioôơuưy ĐÀÁẢÃẠàáảãạệỹ0123456789'.split('')),
    minLength: 1,
    maxLength: max,
  });

const input: fc.Arbitrary<VietQRInput> = fc.record(
  {
    bin: fc.constantFrom(...listBanks().map((b) => b.bin)),
    accountNumber: fc.string({
      unit: fc.constantFrom(...'0123456789PSVQRMZ'.split('')),
      minLength: 1,
      maxLength: 19,
    }),
    service: fc.constantFrom('account' as const, 'card' as const),
    amount: fc.integer({ min: 1, max: 9_999_999_999_999 }),
    purpose: fc.oneof(printable(25), vietnamese(25)),
    billNumber: printable(20),
    referenceLabel: printable(20),
    merchantName: vietnamese(25),
    merchantCity: printable(15),
    mcc: fc.stringMatching(/^\d{4}$/),
    alternateLanguage: fc.record({ language: fc.constant('vi'), merchantName: vietnamese(25) }),
  },
  { requiredKeys: ['bin', 'accountNumber'] },
);

// Generous timeouts: the CI runners and the shared dev box are often loaded; the work is bounded.
const TIMEOUT = 60_000;

describe('properties', () => {
  it(
    'build → parse round-trips any valid input',
    () => {
      fc.assert(
        fc.property(input, (i) => {
          let payload: string;
          try {
            payload = buildVietQR(i);
          } catch (error) {
            // Four full 62 sub-fields can exceed the template's 99-character ceiling: a legitimate refusal.
            if ((error as { code?: string; path?: string }).path === '62') return;
            throw error;
          }
          const result = parseVietQR(payload);
          if (!result.ok) throw new Error(`${payload}: ${JSON.stringify(result.errors)}`);
          const d = result.data;
          expect(d.bin).toBe(i.bin);
          expect(d.accountNumber).toBe(i.accountNumber);
          expect(d.amount).toBe(i.amount);
          expect(d.pointOfInitiation).toBe(i.amount === undefined ? 'static' : 'dynamic');
          expect(d.serviceCode).toBe(i.service === 'card' ? 'QRIBFTTC' : 'QRIBFTTA');
          expect(d.additional.billNumber).toBe(i.billNumber);
          expect(d.mcc).toBe(i.mcc);
          expect(d.alternateLanguage?.merchantName).toBe(i.alternateLanguage?.merchantName.normalize('NFC'));
          // Everything outside 64 is ASCII after transliteration.
          expect(/^[\x20-\x7e]*$/.test(payload.replace(/64\d\d.*6304/, ''))).toBe(true);
        }),
        { numRuns: 500 },
      );
    },
    TIMEOUT,
  );

  it(
    'parse never throws on arbitrary strings',
    () => {
      fc.assert(
        fc.property(fc.string({ maxLength: 300, unit: 'binary' }), (s) => {
          const result = parseVietQR(s);
          expect(typeof result.ok).toBe('boolean');
        }),
        { numRuns: 2000 },
      );
    },
    TIMEOUT,
  );

  it(
    'parse never throws on mutated valid payloads (with a fixed-up CRC, to reach deep checks)',
    () => {
      const base = buildVietQR({
        bin: 'VCB',
        accountNumber: '0011001234567',
        amount: 50000,
        purpose: 'DH 123',
      });
      const body = base.slice(0, -8);
      fc.assert(
        fc.property(
          fc.nat(body.length - 1),
          fc.string({ maxLength: 3, unit: 'grapheme' }),
          fc.nat(3),
          (at, insert, cut) => {
            const mutated = body.slice(0, at) + insert + body.slice(at + cut);
            for (const s of [mutated, withCrc(mutated)]) {
              const result = parseVietQR(s);
              expect(result.ok || result.errors.length > 0).toBe(true);
              if (!result.ok)
                for (const e of result.errors) expect(e.message.vi && e.message.en).toBeTruthy();
            }
          },
        ),
        { numRuns: 2000 },
      );
    },
    TIMEOUT,
  );
});
