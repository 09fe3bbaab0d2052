import { describe, expect, it } from 'vitest';
import { parseVietQR } from '../src/index.ts';
import { body, tlv, withCrc } from './helpers.ts';

function errorsOf(payload: string) {
  const result = parseVietQR(payload);
  if (result.ok) throw new Error('expected the payload to be rejected');
  return result.errors.map((e) => ({ code: e.code, path: e.path }));
}

function dataOf(payload: string) {
  const result = parseVietQR(payload);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result;
}

describe('parseVietQR accepts spec-valid variations', () => {
  it('accepts fields in any order after 00', () => {
    const account =
      tlv('02', 'QRIBFTTA') +
      tlv('01', tlv('01', '0011001234567') + tlv('00', '970436')) +
      tlv('00', 'A000000727');
    const payload = withCrc(
      tlv('00', '01') +
        tlv('58', 'VN') +
        tlv('54', '50000') +
        tlv('53', '704') +
        tlv('38', account) +
        tlv('01', '12'),
    );
    const { data } = dataOf(payload);
    expect(data).toMatchObject({
      bin: '970436',
      accountNumber: '0011001234567',
      amount: 50000,
      pointOfInitiation: 'dynamic',
    });
    expect(data.bank?.code).toBe('VCB');
  });

  it('accepts a trailing-dot amount with a warning', () => {
    const result = dataOf(withCrc(body({ poi: '12', extra: tlv('54', '50000.') })));
    expect(result.data.amount).toBe(50000);
    expect(result.warnings.map((w) => w.code)).toContain('AMOUNT_TRAILING_DOT');
  });

  it('accepts a lower-case CRC with a warning', () => {
    const payload = withCrc(body());
    const result = dataOf(payload.slice(0, -4) + payload.slice(-4).toLowerCase());
    expect(result.warnings.map((w) => w.code)).toEqual(
      payload.slice(-4) === payload.slice(-4).toLowerCase() ? [] : ['CRC_LOWERCASE'],
    );
  });

  it('reads every 62 sub-field, 64 with diacritics, tip and unknown fields', () => {
    const additional =
      tlv('01', 'HD1') +
      tlv('02', '0912345678') +
      tlv('03', 'S1') +
      tlv('04', 'L1') +
      tlv('05', 'R1') +
      tlv('06', 'C1') +
      tlv('07', 'T1') +
      tlv('08', 'DH 123') +
      tlv('50', tlv('00', 'vn.example'));
    const extra =
      tlv('52', '5411') +
      tlv('54', '120000') +
      tlv('55', '02') +
      tlv('56', '5000') +
      tlv('59', 'CHO PHIEN') +
      tlv('60', 'HA GIANG') +
      tlv('61', '310000') +
      tlv('62', additional) +
      tlv('64', tlv('00', 'vi') + tlv('01', 'Chợ phiên Đồng Văn') + tlv('02', 'Hà Giang'));
    const { data } = dataOf(withCrc(body({ poi: '12', extra })));
    expect(data.additional).toEqual({
      billNumber: 'HD1',
      mobileNumber: '0912345678',
      storeLabel: 'S1',
      loyaltyNumber: 'L1',
      referenceLabel: 'R1',
      customerLabel: 'C1',
      terminalLabel: 'T1',
      purpose: 'DH 123',
    });
    expect(data.unknown).toEqual({ '62.50': tlv('00', 'vn.example') });
    expect(data.tipOrFee).toEqual({ indicator: 'fixed', fixed: 5000 });
    expect(data.alternateLanguage).toEqual({
      language: 'vi',
      merchantName: 'Chợ phiên Đồng Văn',
      merchantCity: 'Hà Giang',
    });
    expect(data).toMatchObject({
      mcc: '5411',
      merchantName: 'CHO PHIEN',
      merchantCity: 'HA GIANG',
      postalCode: '310000',
    });
  });

  it('counts characters, not UTF-16 units, in 64 (astral characters)', () => {
    const extra = tlv('64', tlv('00', 'vi') + tlv('01', 'Quán 🍜 Phở'));
    expect(dataOf(withCrc(body({ extra }))).data.alternateLanguage?.merchantName).toBe('Quán 🍜 Phở');
  });
});

describe('parseVietQR rejects', () => {
  it.each([
    ['an empty string', '', 'EMPTY_PAYLOAD', ''],
    ['garbage', 'hello world', 'TLV_MALFORMED', ''],
    ['a truncated header', '000201010211385', 'TLV_MALFORMED', ''],
    ['a root length overrun', '00020101021138990010', 'LENGTH_OVERRUN', '38'],
    ['a zero length', withCrc(body({ extra: '5900' })), 'LENGTH_INVALID', '59'],
  ])('%s', (_label, payload, code, path) => {
    expect(errorsOf(payload)).toContainEqual({ code, path });
  });

  it('00 not first, and 00 not 01', () => {
    const swapped = withCrc(tlv('01', '11') + body().slice(6));
    expect(errorsOf(withCrc(tlv('01', '11') + tlv('00', '01') + body().slice(12)))).toContainEqual({
      code: 'PAYLOAD_FORMAT_NOT_FIRST',
      path: '00',
    });
    expect(errorsOf(swapped)).toContainEqual({ code: 'FIELD_MISSING', path: '00' });
    expect(errorsOf(withCrc(tlv('00', '02') + body().slice(6)))).toContainEqual({
      code: 'PAYLOAD_FORMAT_INVALID',
      path: '00',
    });
  });

  it('missing 53, 58, wrong currency and country', () => {
    const noCurrency = body().replace(tlv('53', '704'), '');
    expect(errorsOf(withCrc(noCurrency))).toContainEqual({ code: 'FIELD_MISSING', path: '53' });
    expect(errorsOf(withCrc(body().replace(tlv('58', 'VN'), '')))).toContainEqual({
      code: 'FIELD_MISSING',
      path: '58',
    });
    expect(errorsOf(withCrc(body().replace(tlv('53', '704'), tlv('53', '840'))))).toContainEqual({
      code: 'CURRENCY_NOT_VND',
      path: '53',
    });
    expect(errorsOf(withCrc(body().replace(tlv('58', 'VN'), tlv('58', 'TH'))))).toContainEqual({
      code: 'COUNTRY_NOT_VN',
      path: '58',
    });
  });

  it('a wrong GUID, a missing BIN or account, an over-long account', () => {
    const beneficiary = tlv('01', tlv('00', '970436') + tlv('01', '0011001234567'));
    expect(errorsOf(withCrc(body({ account: tlv('00', 'A000000999') + beneficiary })))).toContainEqual({
      code: 'GUID_NOT_NAPAS',
      path: '38.00',
    });
    expect(
      errorsOf(withCrc(body({ account: tlv('00', 'A000000727') + tlv('01', tlv('01', '1234')) }))),
    ).toContainEqual({
      code: 'FIELD_MISSING',
      path: '38.01.00',
    });
    expect(
      errorsOf(withCrc(body({ account: tlv('00', 'A000000727') + tlv('01', tlv('00', '970436')) }))),
    ).toContainEqual({
      code: 'FIELD_MISSING',
      path: '38.01.01',
    });
    const long = tlv('00', 'A000000727') + tlv('01', tlv('00', '970436') + tlv('01', '12345678901234567890'));
    expect(errorsOf(withCrc(body({ account: long })))).toContainEqual({
      code: 'VALUE_TOO_LONG',
      path: '38.01.01',
    });
    const shortBin = tlv('00', 'A000000727') + tlv('01', tlv('00', '97043') + tlv('01', '1234'));
    expect(errorsOf(withCrc(body({ account: shortBin })))).toContainEqual({
      code: 'VALUE_TOO_SHORT',
      path: '38.01.00',
    });
  });

  it('an overrun inside a nested template', () => {
    // 38.01 declares 17 characters, inside which 38.01.01 declares 15 but only 3 remain.
    const account = `${tlv('00', 'A000000727')}0117${'000697043601'}15123`;
    expect(errorsOf(withCrc(body({ account })))).toContainEqual({ code: 'LENGTH_OVERRUN', path: '38.01.01' });
  });

  it('amounts: zero, decimals, separators, letters', () => {
    for (const amount of ['0', '50000.5', '50 000', '1,000', '12a', '.']) {
      expect(errorsOf(withCrc(body({ poi: '12', extra: tlv('54', amount) })))).toContainEqual({
        code: 'AMOUNT_INVALID',
        path: '54',
      });
    }
  });

  it('tip and fee rules', () => {
    const cases: [string, string, string][] = [
      [tlv('55', '02'), 'FIELD_MISSING', '56'],
      [tlv('55', '03'), 'FIELD_MISSING', '57'],
      [tlv('55', '01') + tlv('56', '1000'), 'TIP_FIELD_CONFLICT', '56'],
      [tlv('57', '5'), 'TIP_FIELD_CONFLICT', '57'],
      [tlv('55', '03') + tlv('57', '100'), 'FEE_PERCENT_INVALID', '57'],
      [tlv('55', '03') + tlv('57', '0.001'), 'FEE_PERCENT_INVALID', '57'],
      [tlv('55', '02') + tlv('56', 'abc'), 'AMOUNT_INVALID', '56'],
      [tlv('55', '04'), 'TIP_INDICATOR_INVALID', '55'],
    ];
    for (const [extra, code, path] of cases) {
      expect(errorsOf(withCrc(body({ extra })))).toContainEqual({ code, path });
    }
    expect(dataOf(withCrc(body({ extra: tlv('55', '03') + tlv('57', '3.5') })))).toMatchObject({
      data: { tipOrFee: { indicator: 'percentage', percentage: '3.5' } },
    });
  });

  it('non-ASCII in ASCII-only fields', () => {
    expect(errorsOf(withCrc(body({ extra: tlv('59', 'Chợ phiên') })))).toContainEqual({
      code: 'NOT_ASCII',
      path: '59',
    });
    expect(errorsOf(withCrc(body({ extra: tlv('62', tlv('08', 'chuyển khoản')) })))).toContainEqual({
      code: 'NOT_ASCII',
      path: '62.08',
    });
  });

  it('a malformed 62, a duplicate field, an empty 62 sub-field', () => {
    expect(errorsOf(withCrc(body({ extra: tlv('62', '08') })))).toContainEqual({
      code: 'TEMPLATE_MALFORMED',
      path: '62',
    });
    expect(errorsOf(withCrc(body({ extra: tlv('58', 'VN') })))).toContainEqual({
      code: 'DUPLICATE_FIELD',
      path: '58',
    });
  });

  it('a consumer data request (62.09) other than A/M/E each once', () => {
    expect(
      dataOf(withCrc(body({ extra: tlv('62', tlv('09', 'AME')) }))).data.additional.consumerDataRequest,
    ).toBe('AME');
    for (const request of ['AA', 'X', 'a']) {
      expect(errorsOf(withCrc(body({ extra: tlv('62', tlv('09', request)) })))).toContainEqual({
        code: 'DATA_REQUEST_INVALID',
        path: '62.09',
      });
    }
  });

  it('64 without its mandatory name', () => {
    expect(errorsOf(withCrc(body({ extra: tlv('64', tlv('00', 'vi')) })))).toContainEqual({
      code: 'FIELD_MISSING',
      path: '64.01',
    });
  });

  it('a CRC that is not hex', () => {
    expect(errorsOf(`${body()}6304ZZZZ`)).toContainEqual({ code: 'CRC_FORMAT', path: '63' });
  });

  it('reports a VNPAY-QR payload as another network', () => {
    const vnpay = tlv('26', tlv('00', 'A000000775') + tlv('01', 'mid0001'));
    const payload = withCrc(tlv('00', '01') + tlv('01', '12') + vnpay + tlv('53', '704') + tlv('58', 'VN'));
    const errors = errorsOf(payload);
    expect(errors).toContainEqual({ code: 'OTHER_NETWORK', path: '26' });
    expect(errors).not.toContainEqual({ code: 'FIELD_MISSING', path: '38' });
    const result = parseVietQR(payload);
    expect(!result.ok && result.errors[0]?.message.en).toContain('VNPAY-QR');
  });
});

describe('parseVietQR warnings', () => {
  const warningsOf = (payload: string) =>
    dataOf(payload).warnings.map((w) => ({ code: w.code, path: w.path }));

  it('missing or unknown service code, unknown BIN, amount over the NAPAS247 limit', () => {
    const noService = tlv('00', 'A000000727') + tlv('01', tlv('00', '970436') + tlv('01', '123'));
    expect(warningsOf(withCrc(body({ account: noService })))).toEqual([
      { code: 'SERVICE_CODE_MISSING', path: '38.02' },
    ]);
    const unknownService = noService + tlv('02', 'QRFOO');
    expect(warningsOf(withCrc(body({ account: unknownService })))).toEqual([
      { code: 'SERVICE_CODE_UNKNOWN', path: '38.02' },
    ]);
    const unknownBin =
      tlv('00', 'A000000727') + tlv('01', tlv('00', '123456') + tlv('01', '123')) + tlv('02', 'QRIBFTTA');
    const result = dataOf(withCrc(body({ account: unknownBin })));
    expect(result.warnings.map((w) => w.code)).toEqual(['BANK_UNKNOWN']);
    expect(result.data.bank).toBeUndefined();
    expect(warningsOf(withCrc(body({ poi: '12', extra: tlv('54', '500000000') })))).toEqual([
      { code: 'AMOUNT_OVER_NAPAS_LIMIT', path: '54' },
    ]);
  });

  it('keeps unknown sub-fields of 38 and root RFU fields, raw', () => {
    const account =
      tlv('00', 'A000000727') +
      tlv('01', tlv('00', '970436') + tlv('01', '123') + tlv('02', 'x')) +
      tlv('02', 'QRIBFTTA') +
      tlv('03', 'y');
    const { data } = dataOf(withCrc(body({ account, extra: tlv('65', 'rfu') })));
    expect(data.unknown).toEqual({ '38.01.02': 'x', '38.03': 'y', '65': 'rfu' });
  });
});
