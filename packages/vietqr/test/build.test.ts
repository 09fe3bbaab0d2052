import { describe, expect, it } from 'vitest';
import { buildVietQR, crc16, crcHex, parseVietQR, VietQRBuildError } from '../src/index.ts';

function buildError(fn: () => unknown): VietQRBuildError {
  try {
    fn();
  } catch (error) {
    if (error instanceof VietQRBuildError) return error;
    throw error;
  }
  throw new Error('expected a VietQRBuildError');
}

describe('crc16', () => {
  it('matches the CRC-16/CCITT-FALSE check value and zero-pads', () => {
    expect(crcHex(crc16('123456789'))).toBe('29B1');
    expect(crcHex(0x283)).toBe('0283');
  });

  it('hashes UTF-8 bytes, like TextEncoder', () => {
    const text = 'Chợ phiên Đồng Văn 🍜';
    // Bit-at-a-time reference over the encoded bytes, independent of the table.
    let crc = 0xffff;
    for (const byte of new TextEncoder().encode(text)) {
      crc ^= byte << 8;
      for (let k = 0; k < 8; k++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
    expect(crc16(text)).toBe(crc);
  });
});

describe('buildVietQR', () => {
  it('builds the spec example 6.1.3 byte for byte', () => {
    const payload = buildVietQR({
      bin: '970403',
      accountNumber: '0011012345678',
      amount: 180000,
      billNumber: 'NPS6869',
      purpose: 'thanh toan don hang',
    });
    expect(payload).toBe(
      '00020101021238570010A00000072701270006970403011300110123456780208QRIBFTTA530370454061800005802VN62340107NPS68690819thanh toan don hang63042E2E',
    );
  });

  it('builds a card QR (QRIBFTTC) and resolves a bank by name without diacritics', () => {
    const payload = buildVietQR({ bin: 'sacombank', accountNumber: '9704031101234567', service: 'card' });
    expect(payload).toBe(
      '00020101021138600010A00000072701300006970403011697040311012345670208QRIBFTTC53037045802VN63044F52',
    );
    expect(buildVietQR({ bin: 'Ngân hàng TMCP Ngoại Thương Việt Nam', accountNumber: '1' })).toContain(
      '0006970436',
    );
  });

  it('sets the point of initiation from the amount, and lets the caller override it', () => {
    const poi = (payload: string) => payload.slice(10, 12);
    expect(poi(buildVietQR({ bin: 'VCB', accountNumber: '123' }))).toBe('11');
    expect(poi(buildVietQR({ bin: 'VCB', accountNumber: '123', amount: 1 }))).toBe('12');
    expect(
      poi(buildVietQR({ bin: 'VCB', accountNumber: '123', amount: 1, pointOfInitiation: 'static' })),
    ).toBe('11');
  });

  it('transliterates Vietnamese in ASCII fields (Đ → D) and keeps it in 64', () => {
    const payload = buildVietQR({
      bin: '970436',
      accountNumber: '0011001234567',
      purpose: 'Đơn hàng chợ phiên',
      merchantName: 'Chợ Đồng Văn',
      merchantCity: 'Hà Giang',
      mcc: '5411',
      alternateLanguage: { language: 'vi', merchantName: 'Chợ Đồng Văn', merchantCity: 'Hà Giang' },
    });
    const result = parseVietQR(payload);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.data.additional.purpose).toBe('Don hang cho phien');
    expect(result.data.merchantName).toBe('Cho Dong Van');
    expect(result.data.merchantCity).toBe('Ha Giang');
    expect(result.data.alternateLanguage).toEqual({
      language: 'vi',
      merchantName: 'Chợ Đồng Văn',
      merchantCity: 'Hà Giang',
    });
    expect(payload.indexOf('Don hang')).toBeLessThan(payload.indexOf('0002vi'));
    expect(payload.slice(-8, -4)).toBe('6304');
  });

  it('refuses too-long text naming the field and its limit, unless truncate is set', () => {
    const purpose = 'Thanh toán đơn hàng số 123456789';
    const error = buildError(() => buildVietQR({ bin: 'VCB', accountNumber: '1', purpose }));
    expect(error).toMatchObject({ code: 'VALUE_TOO_LONG', field: 'purpose', path: '62.08' });
    expect(error.messages.vi).toContain('tối đa 25');
    expect(error.messages.en).toContain('limit is 25');
    const payload = buildVietQR({ bin: 'VCB', accountNumber: '1', purpose, truncate: true });
    const result = parseVietQR(payload);
    expect(result.ok && result.data.additional.purpose).toBe('Thanh toan don hang so 12');
  });

  it('allows letters in account numbers (wallets, virtual accounts) but never truncates them', () => {
    expect(parseVietQR(buildVietQR({ bin: '970422', accountNumber: 'VQRQ12345678' })).ok).toBe(true);
    expect(
      buildError(() => buildVietQR({ bin: '971025', accountNumber: 'PSP12345678901234567', truncate: true })),
    ).toMatchObject({ code: 'VALUE_TOO_LONG', field: 'accountNumber' });
  });

  it.each([
    [{ bin: 'VCB', accountNumber: '1', amount: 0 }, 'AMOUNT_INVALID', 'amount'],
    [{ bin: 'VCB', accountNumber: '1', amount: 1.5 }, 'AMOUNT_INVALID', 'amount'],
    [{ bin: 'VCB', accountNumber: '1', amount: 10_000_000_000_000 }, 'AMOUNT_INVALID', 'amount'],
    [{ bin: 'Ngân hàng không tồn tại', accountNumber: '1' }, 'BANK_UNKNOWN', 'bin'],
    [{ bin: '97043', accountNumber: '1' }, 'BIN_INVALID', 'bin'],
    [{ bin: 'VCB', accountNumber: '' }, 'FIELD_MISSING', 'accountNumber'],
    [{ bin: 'VCB', accountNumber: 'số 1' }, 'NOT_ASCII', 'accountNumber'],
    [{ bin: 'VCB', accountNumber: '1', mcc: '54' }, 'VALUE_TOO_SHORT', 'mcc'],
    [{ bin: 'VCB', accountNumber: '1', mcc: 'abcd' }, 'NOT_NUMERIC', 'mcc'],
    [{ bin: 'VCB', accountNumber: '1', merchantName: 'Quán “Ngon”' }, 'NOT_ASCII', 'merchantName'],
    [{ bin: 'VCB', accountNumber: '1', service: 'wallet' as 'card' }, 'SERVICE_INVALID', 'service'],
  ])('rejects %j with %s', (input, code, field) => {
    expect(buildError(() => buildVietQR(input))).toMatchObject({ code, field });
  });

  it('refuses a 62 template over 99 characters even when every part fits', () => {
    const x = 'x'.repeat(25);
    const error = buildError(() =>
      buildVietQR({
        bin: 'VCB',
        accountNumber: '1',
        billNumber: x,
        storeLabel: x,
        terminalLabel: x,
        purpose: x,
      }),
    );
    expect(error).toMatchObject({ code: 'VALUE_TOO_LONG', path: '62' });
  });
});
