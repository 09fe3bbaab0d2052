import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type BookHousehold,
  buildSalesBook,
  parsePeriod,
  periodInstants,
  periodKeySchema,
  recordFromLedgerEntry,
  recordFromPaidOrder,
  vietnamDay,
} from '../../src/index.ts';
import type { Order } from '../../src/marketplace/order.ts';
import { ledgerMonth } from './generated.ts';

const household: BookHousehold = {
  id: 'vendor-1',
  name: 'Nguyễn Thị Hoa',
  address: 'Tân Cương, Thái Nguyên',
  place: 'Sạp TD-A01, Chợ Tân Đức',
};

describe('periods', () => {
  it('accepts month, quarter, half-year and year keys and nothing else', () => {
    for (const key of ['2026-11', '2026-Q4', '2026-H2', '2026'])
      expect(periodKeySchema.safeParse(key).success).toBe(true);
    for (const key of ['2026-13', '2026-Q5', '2026-H3', '26-11', '2026-1', '1999', ''])
      expect(periodKeySchema.safeParse(key).success).toBe(false);
  });

  it('spans Vietnamese days: November 2026 starts at 17:00 UTC on 31 October', () => {
    const period = parsePeriod('2026-11');
    expect([period.firstDay, period.lastDay]).toEqual(['2026-11-01', '2026-11-30']);
    expect(periodInstants(period)).toEqual({
      fromIso: '2026-10-31T17:00:00.000Z',
      toIso: '2026-11-30T17:00:00.000Z',
    });
    expect(parsePeriod('2028-Q1').lastDay).toBe('2028-03-31');
    expect(parsePeriod('2028-02').lastDay).toBe('2028-02-29');
    expect(parsePeriod('2026-H1').label.vi).toBe('6 tháng đầu năm 2026');
  });
});

describe('the sales book against the ledger (property, generated months)', () => {
  it('the book total is the sum, to the đồng, of the ledger entries received on the month’s Vietnamese days', () => {
    fc.assert(
      fc.property(
        ledgerMonth('2026-11'),
        fc.constantFrom('S1a-HKD', 'S2a-HKD', 'S2b-HKD' as const),
        (ledger, form) => {
          const period = parsePeriod('2026-11');
          const records = ledger.map((entry) => recordFromLedgerEntry(entry, 'TD-A01'));
          const book = buildSalesBook({ form, period, household, records, drawnUpOn: '2026-12-01' });
          const inMonth = ledger.filter((entry) => vietnamDay(entry.receivedAt).startsWith('2026-11-'));
          expect(book.totalVnd).toBe(inMonth.reduce((sum, entry) => sum + entry.amountVnd, 0));
          expect(book.count).toBe(inMonth.length);
          const rows = book.groups.flatMap((group) => group.rows);
          expect(rows.map((row) => row.recordId).sort()).toEqual(inMonth.map((entry) => entry.id).sort());
          expect(book.groups.reduce((sum, group) => sum + group.subtotalVnd, 0)).toBe(book.totalVnd);
          expect(book.bySource.bank.totalVnd).toBe(book.totalVnd);
          // Rows are in day order and every row's date is the Vietnamese day of its payment.
          const days = rows.map((row) => row.day);
          expect([...days].sort()).toEqual(days);
          for (const row of rows)
            expect(row.docDate).toBe(`${row.day.slice(8)}/${row.day.slice(5, 7)}/${row.day.slice(0, 4)}`);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('a sale seen twice (two readers, a retried read) is written once', () => {
    fc.assert(
      fc.property(ledgerMonth('2026-02', { maxLength: 40 }), (ledger) => {
        const records = ledger.map((entry) => recordFromLedgerEntry(entry, 'TD-A01'));
        const once = buildSalesBook({
          form: 'S1a-HKD',
          period: parsePeriod('2026-02'),
          household,
          records,
          drawnUpOn: '2026-03-01',
        });
        const twice = buildSalesBook({
          form: 'S1a-HKD',
          period: parsePeriod('2026-02'),
          household,
          records: [...records, ...records],
          drawnUpOn: '2026-03-01',
        });
        expect(twice.totalVnd).toBe(once.totalVnd);
        expect(twice.count).toBe(once.count);
      }),
      { numRuns: 30 },
    );
  });

  it('refuses a fractional or unsafe amount instead of writing a book that differs from the ledger', () => {
    const base = recordFromLedgerEntry(
      {
        id: 'x',
        stallId: 's',
        marketId: 'm',
        vendorId: 'v',
        amountVnd: 1000.5,
        memo: '',
        via: 'stall_code',
        provider: 'sepay',
        providerTransactionId: 't',
        receivedAt: '2026-11-02T03:00:00Z',
        creditedAt: '2026-11-02T03:00:01Z',
      },
      'A',
    );
    expect(() =>
      buildSalesBook({
        form: 'S1a-HKD',
        period: parsePeriod('2026-11'),
        household,
        records: [base],
        drawnUpOn: '2026-12-01',
      }),
    ).toThrow(RangeError);
  });

  it('an empty month is a book with a zero total', () => {
    const book = buildSalesBook({
      form: 'S2a-HKD',
      period: parsePeriod('2026-11'),
      household,
      records: [],
      drawnUpOn: '2026-12-01',
    });
    expect(book.totalVnd).toBe(0);
    expect(book.groups[0]!.label).toBe('Ngành nghề: Phân phối, cung cấp hàng hóa');
  });
});

describe('records from paid orders', () => {
  const order = (over: Partial<Order>): Order =>
    ({
      id: 'o1',
      code: 'CP7K2M9Q',
      checkoutId: 'c',
      buyerId: 'b',
      farmerId: 'f',
      lines: [
        {
          productId: 'p',
          productSlug: 'che',
          packId: 'k',
          title: { vi: 'Chè Tân Cương' },
          packLabel: { vi: 'Gói 200 g' },
          packSize: 200,
          quantity: 2,
          unitPriceVnd: 90_000,
          lineTotalVnd: 180_000,
        },
      ],
      totalVnd: 180_000,
      paidVnd: 200_000,
      overpaidVnd: 20_000,
      status: 'paid',
      fulfilment: 'pickup',
      contact: { name: 'An', phone: '0912000000' },
      payTo: { bankBin: '970415', accountNumber: '1', accountName: 'A' },
      createdAt: '2026-11-02T01:00:00Z',
      payBy: '2026-11-02T01:30:00Z',
      paidAt: '2026-11-02T01:10:00Z',
      updatedAt: '2026-11-02T01:10:00Z',
      history: [],
      ...over,
    }) as Order;

  it('counts the bill, not money paid over it (owed back to the buyer)', () => {
    const record = recordFromPaidOrder(order({}))!;
    expect(record).toMatchObject({
      amountVnd: 180_000,
      source: 'order',
      reference: 'CP7K2M9Q',
      householdId: 'f',
    });
    expect(record.description).toContain('Chè Tân Cương (Gói 200 g) × 2');
  });

  it('ignores orders that were never fully paid', () => {
    expect(recordFromPaidOrder(order({ status: 'pending_payment', paidAt: undefined }))).toBeUndefined();
    expect(recordFromPaidOrder(order({ status: 'expired', paidAt: undefined }))).toBeUndefined();
  });
});
