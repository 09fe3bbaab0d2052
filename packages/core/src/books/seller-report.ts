/**
 * The quarterly seller report an e-commerce platform owes the tax authority (Decree 126/2020/NĐ-CP art. 27.8
 * as added by Decree 91/2022/NĐ-CP): each seller's name, tax code, ID number, address, phone and revenue from
 * online orders. The platform never holds buyers' money (each order is paid straight to the farmer's own
 * account), so it withholds no tax (Decree 117/2025/NĐ-CP applies withholding to platforms with a payment
 * function); it reports. Decision: docs/decisions/1001-province-aggregates-and-seller-report.md.
 */
import * as z from 'zod';
import { forbidden } from '../errors/domain-error.ts';
import { bilingual } from '../errors/zod-issues.ts';
import type { UserRepository } from '../identity/profile.ts';
import type { Actor } from '../identity/user.ts';
import { isAdmin } from '../markets/access.ts';
import { parsePeriod, periodInstants } from './period.ts';
import type { OnlineSellers } from './ports.ts';
import type { SalesRecordSource } from './sales-record.ts';

export const sellerReportQuerySchema = z.strictObject({
  quarter: z.string().regex(/^\d{4}-Q[1-4]$/, bilingual('Quý viết dạng 2026-Q4.', 'Quarter: e.g. 2026-Q4.')),
});

export const SELLER_REPORT_COLUMNS = [
  { key: 'index', header: 'STT' },
  { key: 'name', header: 'Tên người bán' },
  { key: 'taxCode', header: 'Mã số thuế' },
  { key: 'idNumber', header: 'Số định danh cá nhân/CCCD' },
  { key: 'address', header: 'Địa chỉ' },
  { key: 'phone', header: 'Số điện thoại' },
  { key: 'orders', header: 'Số đơn hàng' },
  { key: 'revenueVnd', header: 'Doanh thu từ đơn đặt hàng trực tuyến (đồng)' },
] as const;

export interface SellerReportRow {
  readonly index: number;
  readonly sellerId: string;
  readonly name: string;
  /** Not collected by the platform yet (see the decision record): empty until the seller gives it. */
  readonly taxCode: string;
  readonly idNumber: string;
  readonly address: string;
  readonly phone: string;
  readonly orders: number;
  readonly revenueVnd: number;
}

export interface SellerReport {
  readonly quarter: string;
  readonly due: string;
  readonly rows: readonly SellerReportRow[];
  readonly totalVnd: number;
}

/** The last day of the month after the quarter. */
export const sellerReportDue = (quarter: string): string => {
  const year = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(6));
  const month = q * 3 + 1;
  const y = month > 12 ? year + 1 : year;
  const m = month > 12 ? 1 : month;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${y}-${String(m).padStart(2, '0')}-${String(last).padStart(2, '0')}`;
};

export async function sellerReport(
  deps: { users: UserRepository; sellers: OnlineSellers; orders: SalesRecordSource },
  actor: Actor,
  quarter: string,
): Promise<SellerReport> {
  if (!isAdmin(actor)) throw forbidden();
  const range = periodInstants(parsePeriod(quarter));
  const rows: SellerReportRow[] = [];
  for (const sellerId of await deps.sellers.listSellerIds()) {
    const records = await deps.orders.recordsOf(sellerId, range);
    if (records.length === 0) continue;
    const profile = await deps.users.get(sellerId);
    rows.push({
      index: 0,
      sellerId,
      name: profile?.name ?? sellerId,
      taxCode: '',
      idNumber: '',
      address: [profile?.commune, profile?.province].filter(Boolean).join(', '),
      phone: profile?.phone ?? '',
      orders: records.length,
      revenueVnd: records.reduce((sum, r) => sum + r.amountVnd, 0),
    });
  }
  rows.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  return {
    quarter,
    due: sellerReportDue(quarter),
    rows: rows.map((row, i) => ({ ...row, index: i + 1 })),
    totalVnd: rows.reduce((sum, r) => sum + r.revenueVnd, 0),
  };
}
