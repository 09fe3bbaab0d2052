import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildVietQR, parseVietQR, type VietQRData, type VietQRInput } from '../src/index.ts';

interface Vector {
  readonly payload: string;
  readonly category: string;
  readonly note: string;
  readonly expected: {
    readonly bin?: string;
    readonly account?: string;
    readonly serviceCode?: string;
    readonly guid?: string;
    readonly poi?: string;
    readonly amount?: string;
    readonly currency?: string;
    readonly country?: string;
    readonly additional?: Record<string, string>;
    readonly crc?: string;
    readonly rootIds?: readonly string[];
  };
}

// A copy of the project's reference vectors, each naming its public source (see vectors/README.md).
const vectors: Vector[] = JSON.parse(readFileSync(new URL('./vectors/vietqr.json', import.meta.url), 'utf8'));

const ADDITIONAL_KEYS: Record<string, keyof VietQRData['additional']> = {
  '01': 'billNumber',
  '02': 'mobileNumber',
  '03': 'storeLabel',
  '04': 'loyaltyNumber',
  '05': 'referenceLabel',
  '06': 'customerLabel',
  '07': 'terminalLabel',
  '08': 'purpose',
};

/** The error each kind of negative vector must produce (code and path). */
const EXPECTED_ERROR: Record<string, (v: Vector) => { code: string; path: string }> = {
  'invalid-structure-crc-ok': () => ({ code: 'TEMPLATE_MALFORMED', path: '38.01' }),
  'invalid-crc': () => ({ code: 'CRC_MISMATCH', path: '63' }),
  'invalid-missing-crc': () => ({ code: 'CRC_MISSING', path: '63' }),
  'invalid-crc-not-last': () => ({ code: 'CRC_NOT_LAST', path: '63' }),
  'invalid-missing-field': (v) => ({
    code: 'FIELD_MISSING',
    path: v.expected.rootIds?.includes('01') ? '38' : '01',
  }),
  'invalid-value': () => ({ code: 'TIP_INDICATOR_INVALID', path: '55' }),
};

const valid = vectors.filter((v) => v.category.startsWith('valid'));
const invalid = vectors.filter((v) => !v.category.startsWith('valid'));

function asInput(data: VietQRData): VietQRInput {
  return {
    bin: data.bin,
    accountNumber: data.accountNumber,
    service: data.serviceCode === 'QRIBFTTC' ? 'card' : 'account',
    pointOfInitiation: data.pointOfInitiation,
    ...(data.amount !== undefined ? { amount: data.amount } : {}),
    ...data.additional,
  };
}

describe('VietQR reference vectors', () => {
  it('has both valid and invalid vectors to check', () => {
    expect(valid.length).toBeGreaterThan(10);
    expect(invalid.length).toBeGreaterThan(5);
  });

  it.each(valid.map((v) => [v.note, v] as const))('decodes valid vector: %s', (_note, v) => {
    const result = parseVietQR(v.payload);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const { data } = result;
    const e = v.expected;
    expect(data.bin).toBe(e.bin);
    expect(data.accountNumber).toBe(e.account);
    expect(data.serviceCode).toBe(e.serviceCode);
    expect(data.guid).toBe(e.guid);
    expect(data.pointOfInitiation).toBe(e.poi === '12' ? 'dynamic' : 'static');
    expect(data.amount).toBe(e.amount === undefined ? undefined : Number(e.amount));
    expect(data.currency).toBe(e.currency);
    expect(data.country).toBe(e.country);
    expect(data.crc).toBe(e.crc);
    const additional: Record<string, string> = {};
    for (const [id, value] of Object.entries(e.additional ?? {})) additional[ADDITIONAL_KEYS[id]!] = value;
    expect(data.additional).toEqual(additional);
  });

  it.each(invalid.map((v) => [`${v.category}: ${v.note}`, v] as const))('rejects %s', (_label, v) => {
    const result = parseVietQR(v.payload);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const expected = EXPECTED_ERROR[v.category];
    if (!expected) throw new Error(`no expectation for category ${v.category}`);
    expect(result.errors).toContainEqual(expect.objectContaining(expected(v)));
    for (const error of result.errors) {
      expect(error.message.vi.length).toBeGreaterThan(0);
      expect(error.message.en.length).toBeGreaterThan(0);
    }
  });

  // Canonical = what our builder emits: ascending IDs, upper-case CRC, only fields it can express.
  const BUILDABLE = new Set(['00', '01', '38', '52', '53', '54', '58', '59', '60', '61', '62', '63', '64']);
  const canonical = valid.filter((v) => {
    const ids = v.expected.rootIds ?? [];
    const body = ids.filter((id) => id !== '63');
    const ascending = body.every((id, i) => i === 0 || body[i - 1]! < id);
    return (
      ascending && ids.every((id) => BUILDABLE.has(id)) && v.expected.crc === v.expected.crc?.toUpperCase()
    );
  });

  it('treats most valid vectors as canonical', () => {
    expect(canonical.length).toBeGreaterThanOrEqual(valid.length - 2);
  });

  it.each(canonical.map((v) => [v.note, v] as const))('rebuilds byte-identical: %s', (_note, v) => {
    const result = parseVietQR(v.payload);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(buildVietQR(asInput(result.data))).toBe(v.payload);
  });
});
