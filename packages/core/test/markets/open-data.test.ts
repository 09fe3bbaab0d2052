import { describe, expect, it } from 'vitest';
import {
  type MarketDayAggregate,
  OPEN_DATA_COLUMNS,
  OPEN_DATA_MIN_VENDORS,
  openDataDays,
  publicOpenDataRow,
} from '../../src/markets/open-data.ts';

const day = (activeVendors: number, cashlessCount = activeVendors * 2): MarketDayAggregate => ({
  marketId: 'm1',
  marketCode: 'TUCDUYEN',
  marketName: 'Chợ Túc Duyên',
  province: 'Thái Nguyên',
  commune: 'phường Phan Đình Phùng',
  day: '2026-06-02',
  stalls: 12,
  activeQrShare: 0.75,
  cashlessCount,
  cashlessValueVnd: cashlessCount * 35_000,
  activeVendors,
  computedAt: '2026-06-02T10:00:00.000Z',
});

describe('open data rows (small cells suppressed)', () => {
  it.each([1, 2])('with %i vendor(s) paid, the takings are null and the row says suppressed', (vendors) => {
    const row = publicOpenDataRow(day(vendors));
    expect(row).toMatchObject({ cashless_transactions: null, cashless_value_vnd: null, suppressed: true });
    expect(row.active_vendors).toBe(vendors);
  });

  it(`from ${OPEN_DATA_MIN_VENDORS} vendors on, the takings are published`, () => {
    expect(publicOpenDataRow(day(3))).toMatchObject({
      cashless_transactions: 6,
      cashless_value_vnd: 210_000,
      suppressed: false,
    });
  });

  it('a day with no payments reveals no one and is published as zeros', () => {
    expect(publicOpenDataRow(day(0))).toMatchObject({ cashless_transactions: 0, suppressed: false });
  });

  it('carries exactly the public columns, never the market id or when it was computed', () => {
    const row = publicOpenDataRow(day(5));
    expect(Object.keys(row)).toEqual(OPEN_DATA_COLUMNS);
    expect(JSON.stringify(row)).not.toContain('m1');
  });

  it('ranges are Vietnamese days, at most 31', () => {
    expect(openDataDays('2026-02-27', '2026-03-01')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
    expect(() => openDataDays('2026-01-01', '2026-03-01')).toThrow(/31/);
  });
});
