import { describe, expect, it } from 'vitest';
import { displayPhone, toE164Vietnam } from '../../src/identity/phone.ts';
import { checkoutInputSchema, toFieldIssues } from '../../src/index.ts';
import { parseVietnameseInteger, parseVietnameseNumber } from '../../src/text/vn-number.ts';

describe('one Vietnamese phone rule (offline)', () => {
  it.each([
    ['0987 000 001', '+84987000001'],
    ['0987000001', '+84987000001'],
    ['098.700.0001', '+84987000001'],
    ['0987-000-001', '+84987000001'],
    ['+84 987 000 001', '+84987000001'],
    ['(+84) 987 000 001', '+84987000001'],
    ['+84 0987 000 001', '+84987000001'],
    ['84987000001', '+84987000001'],
    ['0084 987 000 001', '+84987000001'],
    ['0243 826 1234', '+842438261234'],
  ])('%s → %s', (input, expected) => {
    expect(toE164Vietnam(input)).toBe(expected);
  });

  it.each([
    '',
    '12',
    '0123 456',
    '00987000011',
    '+1 415 555 0100',
    '0987000011999',
    '0187000001',
    'không có',
  ])('refuses %j', (input) => {
    expect(toE164Vietnam(input)).toBeUndefined();
  });

  it('shows numbers back the way people write them', () => {
    expect(displayPhone('+84987000001')).toBe('0987 000 001');
    expect(displayPhone('+842438261234')).toBe('024 3826 1234');
  });

  it('checkout takes the format the sign-in page shows, and says what is wrong in the person’s words', () => {
    const base = { items: [{ productId: 'p', packId: 'k', quantity: 1 }], fulfilment: 'pickup' as const };
    const ok = checkoutInputSchema.safeParse({
      ...base,
      contact: { name: 'Trần Minh Anh', phone: '0987 000 001' },
    });
    expect(ok.success && ok.data.contact.phone).toBe('+84987000001');
    const bad = checkoutInputSchema.safeParse({ ...base, contact: { name: 'Trần Minh Anh', phone: '12' } });
    expect(bad.success).toBe(false);
    const issue = bad.success ? undefined : toFieldIssues(bad.error.issues)[0];
    expect(issue?.path).toBe('contact.phone');
    expect(issue?.message.vi).toBe('Số điện thoại chưa đúng. Ghi 10 số, ví dụ 0987 000 001.');
  });

  it('a delivery needs an address; a pickup does not', () => {
    const contact = { name: 'Trần Minh Anh', phone: '0987000001' };
    const items = [{ productId: 'p', packId: 'k', quantity: 1 }];
    const delivery = checkoutInputSchema.safeParse({ items, fulfilment: 'delivery', contact });
    expect(delivery.success).toBe(false);
    expect(delivery.success ? [] : toFieldIssues(delivery.error.issues).map((i) => i.path)).toEqual([
      'contact.address',
    ]);
    const blank = checkoutInputSchema.safeParse({
      items,
      fulfilment: 'delivery',
      contact: { ...contact, address: '   ' },
    });
    expect(blank.success).toBe(false);
    expect(checkoutInputSchema.safeParse({ items, fulfilment: 'pickup', contact }).success).toBe(true);
    expect(
      checkoutInputSchema.safeParse({
        items,
        fulfilment: 'delivery',
        contact: { ...contact, address: 'Xóm Nam Đồng, xã Tân Cương, Thái Nguyên' },
      }).success,
    ).toBe(true);
  });
});

describe('one Vietnamese number rule (offline): comma = decimal mark, dots group thousands', () => {
  it.each([
    ['1,5', 1.5],
    ['45.000', 45_000],
    ['45 000', 45_000],
    ['1.234.567', 1_234_567],
    ['1.234,5', 1234.5],
    ['21,5668', 21.5668],
    ['21.5668', 21.5668],
    ['105.7722', 105.7722],
    ['-3,5', -3.5],
    ['0', 0],
    ['1.500', 1500],
  ])('%s → %d', (input, expected) => {
    expect(parseVietnameseNumber(input)).toEqual({ ok: true, value: expected });
  });

  it.each(['', 'abc', '1,2,3', '1.2.3', '.5.', ',', '12a', '1.23.4'])('refuses %j', (input) => {
    expect(parseVietnameseNumber(input).ok).toBe(false);
  });

  it('whole numbers: "1,5" is a number but not a whole one (stock is never silently 15)', () => {
    expect(parseVietnameseInteger('1,5')).toEqual({ ok: false, reason: 'not_whole' });
    expect(parseVietnameseInteger('1.500')).toEqual({ ok: true, value: 1500 });
    expect(parseVietnameseInteger('99999999999999999999')).toEqual({ ok: false, reason: 'too_big' });
  });
});

describe('CSV exports in Vietnam time with Vietnamese headers (offline)', () => {
  it('a 06:32 sale on 7/12 (23:32 UTC on 6/12) is listed on 7/12', async () => {
    const { vietnamDateTime, localizedCsv } = await import('../../src/text/csv.ts');
    expect(vietnamDateTime('2026-12-06T23:32:00.000Z')).toBe('2026-12-07 06:32:00');
    const csv = localizedCsv(
      [{ vi: 'Thời điểm', en: 'Time', value: (iso: string) => vietnamDateTime(iso) }],
      ['2026-12-06T23:32:00.000Z'],
    );
    expect(csv).toBe('\uFEFFThời điểm\r\n2026-12-07 06:32:00\r\n');
    expect(localizedCsv([{ vi: 'Sạp', en: 'Stall', value: () => '=HYPERLINK("x")' }], [1], 'en')).toBe(
      '\uFEFFStall\r\n"\'=HYPERLINK(""x"")"\r\n',
    );
  });
});
