import { describe, expect, it } from 'vitest';
import type { SalesRecord } from '../../src/books/sales-record.ts';
import {
  bankAccountRows,
  reachesWarning,
  revenueReport,
  sellerReportDue,
  thresholdFor,
} from '../../src/index.ts';

const sale = (at: string, amountVnd: number, id = at): SalesRecord => ({
  id,
  householdId: 'h',
  source: 'bank',
  at,
  amountVnd,
  reference: 'r',
  description: 'd',
});

describe('revenue meter against the threshold', () => {
  it('uses the 500 million đồng threshold from 2026 (a new row, never an edit, for a later change)', () => {
    expect(thresholdFor(2026)?.amountVnd).toBe(500_000_000);
    expect(thresholdFor(2025)).toBeUndefined();
  });

  it('warns from exactly 80 % (400,000,000 đ), not one đồng before; over only above the threshold', () => {
    expect(reachesWarning(399_999_999, 500_000_000)).toBe(false);
    expect(reachesWarning(400_000_000, 500_000_000)).toBe(true);
    expect(revenueReport(2026, [sale('2026-03-01T03:00:00Z', 399_999_999)]).level).toBe('ok');
    expect(
      revenueReport(2026, [sale('2026-03-01T03:00:00Z', 399_999_999), sale('2026-03-02T03:00:00Z', 1)]).level,
    ).toBe('warning');
    const atThreshold = revenueReport(2026, [
      sale('2026-03-01T03:00:00Z', 250_000_000),
      sale('2026-09-01T03:00:00Z', 250_000_000),
    ]);
    expect(atThreshold).toMatchObject({
      level: 'warning',
      form: 'S1a-HKD',
      permille: 1000,
      totalVnd: 500_000_000,
    });
    const over = revenueReport(2026, [
      sale('2026-03-01T03:00:00Z', 250_000_000),
      sale('2026-09-01T03:00:00Z', 250_000_001),
    ]);
    expect(over).toMatchObject({ level: 'over', form: 'S2a-HKD' });
    expect(over.warningAtVnd).toBe(400_000_000);
  });

  it('splits the year into its halves on Vietnamese days (30 June 17:00 UTC is 1 July in Vietnam)', () => {
    const report = revenueReport(2026, [
      sale('2026-06-30T16:59:59Z', 100),
      sale('2026-06-30T17:00:00Z', 200),
      sale('2025-12-31T17:00:00Z', 1),
      sale('2026-12-31T17:00:00Z', 7),
    ]);
    expect(report.halves.map((half) => half.totalVnd)).toEqual([101, 200]);
    expect(report.totalVnd).toBe(301);
    expect(report.months[0]!.totalVnd).toBe(1);
  });

  it('names the notification deadlines of the year with their forms', () => {
    const { deadlines } = revenueReport(2026, []);
    expect(deadlines.map((d) => [d.due, d.form])).toEqual([
      ['2026-07-31', '01/TKN-CNKD'],
      ['2027-01-31', '01/TKN-CNKD'],
      ['2027-01-31', '01/BK-STK'],
    ]);
  });
});

describe('bank-account form 01/BK-STK rows', () => {
  it('lists each business account once, active first, with the bank’s name, leaving out accounts opened later', () => {
    const rows = bankAccountRows(2026, [
      {
        bin: '970415',
        accountNumber: '100870001234',
        holderName: 'NGUYEN THI HOA',
        usedFor: { vi: 'Sạp TD-A01', en: '' },
        active: false,
        since: '2026-01-05T00:00:00Z',
      },
      {
        bin: '970436',
        accountNumber: '0451000345678',
        holderName: 'NGUYEN THI HOA',
        usedFor: { vi: 'Sạp TD-A01', en: '' },
        active: true,
        since: '2026-06-01T00:00:00Z',
      },
      {
        bin: '970436',
        accountNumber: '0451000345678',
        holderName: 'NGUYEN THI HOA',
        usedFor: { vi: 'Đơn hàng trực tuyến', en: '' },
        active: true,
        since: '2026-06-02T00:00:00Z',
      },
      {
        bin: '970418',
        accountNumber: '999',
        holderName: 'X',
        usedFor: { vi: 'Sạp', en: '' },
        active: true,
        since: '2027-01-02T00:00:00Z',
      },
    ]);
    expect(rows.map((r) => [r.index, r.accountNumber, r.status])).toEqual([
      [1, '0451000345678', 'Đang dùng'],
      [2, '100870001234', 'Đã ngừng dùng'],
    ]);
    expect(rows[0]!.usedFor).toBe('Sạp TD-A01; Đơn hàng trực tuyến');
    expect(rows[0]!.bank).toContain('Vietcombank');
  });
});

describe('seller report due date', () => {
  it('is the last day of the first month after the quarter', () => {
    expect(sellerReportDue('2026-Q1')).toBe('2026-04-30');
    expect(sellerReportDue('2026-Q4')).toBe('2027-01-31');
  });
});
