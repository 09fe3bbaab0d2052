import { DomainError } from '@chophien/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assertHarvestAllowed,
  blockingPesticide,
  CLONE_RULES,
  certificationSchema,
  certificationStatus,
  cloneSuspicion,
  createFarmInputSchema,
  createLotInputSchema,
  generateLotCode,
  LOT_CSET82,
  normalizeGtin,
  ocopStarsForScore,
  plantingAreaCodeProblem,
  readTraceConfig,
  scanDeviceClass,
  scanNetwork,
  scratchPin,
  serialToken,
  verifyScratchPin,
  verifySerialToken,
} from '../../src/trace/index.ts';

describe('planting-area and packing-house codes', () => {
  it.each(['VN-TNOR-0012', 'VN-DTOR-0017', 'VN-HDOR-0105'])('accepts the export orchard code %s', (code) => {
    expect(plantingAreaCodeProblem(code, 'OR')).toBeUndefined();
  });
  it.each(['VN-TN-0012', 'VN-TNOR-12', 'VN-TNPH-0012', 'vn-tnor-0012x'])(
    'rejects the malformed export code %s',
    (code) => {
      expect(plantingAreaCodeProblem(code, 'OR')).toBe('VN-XXOR-NNNN');
    },
  );
  it('checks packing houses against VN-XXPH-NNNN and leaves domestic codes free-form', () => {
    expect(plantingAreaCodeProblem('VN-DTPH-0001', 'PH')).toBeUndefined();
    expect(plantingAreaCodeProblem('VN-DTOR-0001', 'PH')).toBe('VN-XXPH-NNNN');
    expect(plantingAreaCodeProblem('TN-DH-BT-021', 'OR')).toBeUndefined();
    expect(plantingAreaCodeProblem('Vùng chè xóm 5', 'OR')).toBeUndefined();
  });
  it('the farm schema reports a bad code on its field with both languages', () => {
    const result = createFarmInputSchema.safeParse({
      householdName: 'Hộ A',
      province: 'Thái Nguyên',
      commune: 'xã Tân Cương',
      plantingAreaCode: 'VN-TN-1',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['plantingAreaCode']);
  });
});

describe('lots', () => {
  it('generated lot codes are CSET 82, at most 20 characters and start with the harvest date', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        (date) => {
          const code = generateLotCode(date.toISOString().slice(0, 10), new Date());
          expect(code).toMatch(LOT_CSET82);
          expect(code.length).toBeLessThanOrEqual(20);
          expect(code.slice(0, 6)).toBe(date.toISOString().slice(2, 10).replace(/-/g, ''));
        },
      ),
    );
  });
  it('rejects Vietnamese letters and spaces in a given lot code, accepts CSET 82 punctuation', () => {
    const base = { productName: { vi: 'Chè' }, quantity: 1, unit: 'kg' };
    expect(createLotInputSchema.safeParse({ ...base, lotCode: 'LÔ 1' }).success).toBe(false);
    expect(createLotInputSchema.safeParse({ ...base, lotCode: 'A/B-1.2_x' }).success).toBe(true);
  });
  it('normalises GTIN-8/12/13 to 14 digits and rejects a wrong check digit', () => {
    expect(normalizeGtin('8934588012228')).toBe('08934588012228');
    expect(normalizeGtin('8934588012229')).toBeUndefined();
    expect(normalizeGtin('12345')).toBeUndefined();
  });
});

describe('certifications', () => {
  it.each([
    [49, undefined],
    [50, 3],
    [69, 3],
    [70, 4],
    [89, 4],
    [90, 5],
    [100, 5],
  ])('an OCOP score of %i gives %s stars', (score, stars) => {
    expect(ocopStarsForScore(score)).toBe(stars);
  });
  it('refuses OCOP stars that do not match the score band, and stars on non-OCOP schemes', () => {
    const ocop = { scheme: 'ocop', number: 'X', issuer: 'UBND', validUntil: '2027-01-01' };
    expect(certificationSchema.safeParse({ ...ocop, stars: 5, score: 75 }).success).toBe(false);
    expect(certificationSchema.safeParse({ ...ocop, stars: 4, score: 75 }).success).toBe(true);
    expect(certificationSchema.safeParse({ ...ocop }).success).toBe(false);
    expect(certificationSchema.safeParse({ ...ocop, scheme: 'vietgap', stars: 4 }).success).toBe(false);
  });
  it('is valid through its last day in Vietnam time, expired after', () => {
    const cert = { validUntil: '2026-03-31' };
    expect(certificationStatus(cert, new Date('2026-03-31T16:59:00Z'))).toBe('valid');
    expect(certificationStatus(cert, new Date('2026-03-31T17:00:00Z'))).toBe('expired');
  });
});

describe('pre-harvest interval', () => {
  const spray = (name: string, time: string, days: number) => ({
    type: 'input' as const,
    time,
    input: { kind: 'pesticide' as const, name, preHarvestIntervalDays: days },
  });
  it('names the latest-ending pesticide and its safe date', () => {
    const history = [spray('A', '2026-05-01T00:00:00.000Z', 7), spray('B', '2026-05-03T00:00:00.000Z', 14)];
    expect(blockingPesticide(history, '2026-05-10T00:00:00.000Z')).toEqual({
      name: 'B',
      safeFrom: '2026-05-17T00:00:00.000Z',
    });
    expect(blockingPesticide(history, '2026-05-17T00:00:00.000Z')).toBeUndefined();
  });
  it('the refusal is a 422-kind domain error in Vietnamese with the date as dd/mm/yyyy', () => {
    try {
      assertHarvestAllowed(
        [spray('Abamectin 3.6EC', '2026-05-20T22:30:00.000Z', 14)],
        '2026-06-01T00:00:00.000Z',
      );
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).kind).toBe('unprocessable');
      expect((error as DomainError).messages.vi).toContain('Abamectin 3.6EC');
      expect((error as DomainError).messages.vi).toContain('04/06/2026');
    }
  });
  it('fertiliser never blocks a harvest', () => {
    const feed = {
      type: 'input' as const,
      time: '2026-05-01T00:00:00.000Z',
      input: { kind: 'fertiliser' as const, name: 'NPK' },
    };
    expect(blockingPesticide([feed], '2026-05-01T01:00:00.000Z')).toBeUndefined();
  });
});

describe('authenticity', () => {
  const secret = 'x'.repeat(40);
  const code = { gtin: '08934588012228', lot: 'L1', serial: 'ABCDEFGHJK' };

  it('a token verifies only for the exact code and secret', () => {
    const token = serialToken(secret, code);
    expect(token).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(verifySerialToken(secret, code, token)).toBe(true);
    expect(verifySerialToken(secret, { ...code, serial: 'ABCDEFGHJM' }, token)).toBe(false);
    expect(verifySerialToken(secret, { ...code, lot: 'L2' }, token)).toBe(false);
    expect(verifySerialToken(`${secret}y`, code, token)).toBe(false);
    expect(verifySerialToken(secret, code, undefined)).toBe(false);
  });
  it('any single-character change of a token is rejected', () => {
    const token = serialToken(secret, code);
    fc.assert(
      fc.property(fc.nat(15), fc.constantFrom(...'ABCxyz019-_'), (i, c) => {
        fc.pre(token[i] !== c);
        expect(verifySerialToken(secret, code, token.slice(0, i) + c + token.slice(i + 1))).toBe(false);
      }),
    );
  });
  it('scratch PINs are 6 digits and verify', () => {
    const pin = scratchPin(secret, code);
    expect(pin).toMatch(/^\d{6}$/);
    expect(verifyScratchPin(secret, code, pin)).toBe(true);
    expect(verifyScratchPin(secret, code, pin === '000000' ? '000001' : '000000')).toBe(false);
  });
  it.each([
    [
      'Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 Chrome/120 Mobile Safari/537.36',
      'mobile',
    ],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)', 'mobile'],
    ['Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X)', 'tablet'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64)', 'desktop'],
    ['curl/8.5.0', 'bot'],
    [undefined, 'unknown'],
  ])('device class of %s is %s', (ua, expected) => {
    expect(scanDeviceClass(ua)).toBe(expected);
  });
});

describe('clone heuristics: evidence a stranger cannot type into a link (decision 0905)', () => {
  const at = (minutes: number) => new Date(Date.UTC(2026, 10, 1) + minutes * 60_000).toISOString();
  it('more networks than the limit is suspicious; up to the limit is not', () => {
    expect(cloneSuspicion(CLONE_RULES.networkLimit, [])).toBeUndefined();
    expect(cloneSuspicion(CLONE_RULES.networkLimit + 1, [])).toBe('too_many_scans');
  });
  it('provinces the buyer typed are never evidence, however many and however fast', () => {
    expect(
      cloneSuspicion(1, [
        { at: at(0), region: 'Hà Nội', network: 'n1' },
        { at: at(1), region: 'Cà Mau', network: 'n1' },
        { at: at(2), region: 'Lai Châu', network: 'n2' },
      ]),
    ).toBeUndefined();
  });
  it('two places the edge observed within an hour, or three within a day, each from its own network, are implausible', () => {
    expect(
      cloneSuspicion(2, [
        { at: at(0), observedRegion: 'VN-HN', network: 'n1' },
        { at: at(50), observedRegion: 'VN-SG', network: 'n2' },
      ]),
    ).toBe('implausible_places');
    expect(
      cloneSuspicion(2, [
        { at: at(0), observedRegion: 'VN-HN', network: 'n1' },
        { at: at(120), observedRegion: 'VN-69', network: 'n2' },
      ]),
    ).toBeUndefined();
    expect(
      cloneSuspicion(3, [
        { at: at(0), observedRegion: 'VN-HN', network: 'n1' },
        { at: at(300), observedRegion: 'VN-69', network: 'n2' },
        { at: at(900), observedRegion: 'VN-HP', network: 'n3' },
      ]),
    ).toBe('implausible_places');
  });
  it('one network seen in many places counts once (a VPN hopping exits, a phone on the move)', () => {
    expect(
      cloneSuspicion(1, [
        { at: at(0), observedRegion: 'VN-HN', network: 'n1' },
        { at: at(5), observedRegion: 'VN-SG', network: 'n1' },
        { at: at(9), observedRegion: 'VN-HP', network: 'n1' },
      ]),
    ).toBeUndefined();
  });
  it('any number of scans from up to the limit of networks, in one observed place, is never suspicious', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ minute: fc.integer({ min: 0, max: 5000 }), net: fc.integer({ min: 1, max: 20 }) }),
          {
            maxLength: 60,
          },
        ),
        fc.constantFrom('Hà Nội', 'Cà Mau', 'Lai Châu'),
        (scans, typed) => {
          const records = scans.map((s, i) => ({
            at: at(s.minute),
            network: `n${s.net}`,
            observedRegion: 'VN-HN',
            region: i % 2 ? typed : 'Thái Nguyên',
          }));
          const networks = new Set(records.map((r) => r.network)).size;
          expect(cloneSuspicion(networks, records)).toBeUndefined();
        },
      ),
      { numRuns: 200 },
    );
  });
  it('a network is a keyed hash of the /24 or /48 prefix: same block, same network; no address kept', () => {
    const secret = 's'.repeat(32);
    expect(scanNetwork(secret, '203.0.113.7')).toBe(scanNetwork(secret, '203.0.113.200'));
    expect(scanNetwork(secret, '::ffff:203.0.113.9')).toBe(scanNetwork(secret, '203.0.113.7'));
    expect(scanNetwork(secret, '203.0.114.7')).not.toBe(scanNetwork(secret, '203.0.113.7'));
    expect(scanNetwork(secret, '2001:db8:abcd:12::1')).toBe(scanNetwork(secret, '2001:0db8:abcd:ffff::9'));
    expect(scanNetwork(secret, '2001:db8:abce::1')).not.toBe(scanNetwork(secret, '2001:db8:abcd::1'));
    expect(scanNetwork(secret, '203.0.113.7')).not.toContain('203');
    expect(scanNetwork('t'.repeat(32), '203.0.113.7')).not.toBe(scanNetwork(secret, '203.0.113.7'));
    for (const bad of [undefined, '', 'localhost', 'not an address', '1.2.3'])
      expect(scanNetwork(secret, bad)).toBeUndefined();
  });
});

describe('configuration', () => {
  it('has a development secret only in local mode', () => {
    expect(readTraceConfig({ CHOPHIEN_MODE: 'local' }).signingSecret.length).toBeGreaterThanOrEqual(32);
    expect(() => readTraceConfig({})).toThrow(/TRACE_SIGNING_SECRET/);
    expect(() => readTraceConfig({ TRACE_SIGNING_SECRET: 'short' })).toThrow();
    const aws = { TRACE_SIGNING_SECRET: 's'.repeat(32), API_URL: 'https://api.example.vn' };
    expect(() => readTraceConfig(aws)).toThrow(/SITE_URL/);
    // One public base on AWS, whichever adapter prints (the storefront also has API_URL): the brand domain.
    expect(readTraceConfig({ ...aws, SITE_URL: 'https://chophien.vn' }).resolverUrl).toBe(
      'https://chophien.vn',
    );
    expect(
      readTraceConfig({ SITE_URL: 'https://chophien.vn', TRACE_SIGNING_SECRET: 's'.repeat(32) }).resolverUrl,
    ).toBe('https://chophien.vn');
    // Locally the storefront does not serve the resolver paths: the API's origin resolves them.
    expect(
      readTraceConfig({
        CHOPHIEN_MODE: 'local',
        API_URL: 'http://127.0.0.1:4000',
        SITE_URL: 'http://127.0.0.1:4321',
      }).resolverUrl,
    ).toBe('http://127.0.0.1:4000');
  });
});
