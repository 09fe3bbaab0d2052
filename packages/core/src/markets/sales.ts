/**
 * The vendor's sell screen: an amount becomes a sale with a short code, and a dynamic VietQR that
 * carries the code in 62.08 so the payment finds its sale; the day's sales and takings per stall.
 */
import { randomInt } from 'node:crypto';
import { buildVietQR } from '@chophien/vietqr';
import * as z from 'zod';
import { unitIds, units } from '../catalog/units.ts';
import { DomainError, notFound } from '../errors/domain-error.ts';
import { bilingual, toFieldIssues } from '../errors/zod-issues.ts';
import type { Actor } from '../identity/index.ts';
import { AMOUNT_OF, DEFAULT_STALL_CEILING_VND, stallAmount } from '../money/amount-bounds.ts';
import { billState } from '../money/bill.ts';
import { parseVietnameseNumber } from '../text/vn-number.ts';
import { activeAccountOfStall, loadOwnStall, loadStallFor } from './access.ts';
import { type Sale, type SaleLine, saleReceivedVnd } from './model.ts';
import type { Clock, MarketsStore } from './ports.ts';
import { vietnamDay } from './time.ts';

// Crockford base32 without I, L, O, U: survives being read aloud and retyped into a memo.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const SALE_CODE_PREFIX = 'BH';
/** Cash sales ("tiền mặt"): never in a QR, so no transfer memo can ever be matched to one. */
export const CASH_SALE_CODE_PREFIX = 'TM';

/** `BH` + 6 random characters (30 bits): unguessable enough for one market day, short enough to type. */
export const newSaleCode = (prefix: string = SALE_CODE_PREFIX): string => {
  let code = prefix;
  for (let i = 0; i < 6; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
};

/**
 * A quantity as typed at the stall: a number, or text under the one Vietnamese number rule ("1,5"
 * kg); more than 0, at most three decimals (grams of a kilo), at most what the unit could hold.
 */
const quantityInput = z
  .union([z.number(), z.string().max(20)])
  .transform((raw, context) => {
    const value = typeof raw === 'number' ? raw : parseVietnameseNumber(raw);
    const number = typeof value === 'number' ? value : value.ok ? value.value : Number.NaN;
    if (!Number.isFinite(number)) {
      context.addIssue({
        code: 'custom',
        message: bilingual('Số lượng: hãy nhập một số, ví dụ 1,5.', 'Quantity: enter a number, e.g. 1.5.'),
      });
      return z.NEVER;
    }
    return number;
  })
  .pipe(
    z
      .number()
      .positive(bilingual('Số lượng phải lớn hơn 0.', 'The quantity must be more than 0.'))
      .refine(
        (value) => Math.abs(value * 1000 - Math.round(value * 1000)) < 1e-6,
        bilingual('Số lượng lấy tối đa 3 chữ số thập phân.', 'At most 3 decimal places in a quantity.'),
      ),
  );

const lineInput = (ceilingVnd: number) =>
  z
    .object({
      name: z
        .string()
        .trim()
        .min(1, bilingual('Ghi tên mặt hàng.', 'Name the item.'))
        .max(60, bilingual('Tên mặt hàng tối đa 60 ký tự.', 'At most 60 characters.')),
      unit: z.enum(unitIds, bilingual('Chọn đơn vị trong danh sách.', 'Choose a unit from the list.')),
      quantity: quantityInput,
      unitPriceVnd: stallAmount(AMOUNT_OF.unitPrice, ceilingVnd),
    })
    .superRefine((line, context) => {
      if (line.quantity > units[line.unit].maxStock)
        context.addIssue({
          code: 'custom',
          path: ['quantity'],
          message: bilingual(
            `Số lượng quá lớn cho một lần bán (tối đa ${units[line.unit].maxStock.toLocaleString('vi-VN')} ${units[line.unit].vi}).`,
            `Too much for one sale (at most ${units[line.unit].maxStock.toLocaleString('en-US')} ${units[line.unit].en}).`,
          ),
        });
    });

/**
 * A sale as the sell screen sends it: an amount, or lines (the amount is then their sum, rounded to
 * the đồng per line), and how it is paid. Every amount passes the one stall rule (money/amount-bounds.ts)
 * with the configured ceiling, the sale's total included.
 */
export const saleInput = (ceilingVnd: number = DEFAULT_STALL_CEILING_VND) =>
  z
    .object({
      method: z.enum(['qr', 'cash']).default('qr'),
      amountVnd: z.number().optional(),
      lines: z
        .array(lineInput(ceilingVnd))
        .max(30, bilingual('Tối đa 30 dòng một đơn.', 'At most 30 lines in a sale.'))
        .optional(),
    })
    .transform((input) => {
      const lines: SaleLine[] = (input.lines ?? []).map((line) => ({
        ...line,
        lineTotalVnd: Math.round(line.quantity * line.unitPriceVnd),
      }));
      const amountVnd =
        lines.length > 0 ? lines.reduce((sum, line) => sum + line.lineTotalVnd, 0) : input.amountVnd;
      return { method: input.method, lines, amountVnd, typedAmountVnd: input.amountVnd };
    })
    .superRefine((sale, context) => {
      if (
        sale.lines.length > 0 &&
        sale.typedAmountVnd !== undefined &&
        sale.typedAmountVnd !== sale.amountVnd
      )
        context.addIssue({
          code: 'custom',
          path: ['amountVnd'],
          message: bilingual(
            'Số tiền không khớp tổng các dòng hàng; hãy xoá số tiền hoặc sửa dòng hàng.',
            'The amount does not match the lines’ total; clear it or fix the lines.',
          ),
        });
      const checked = stallAmount(AMOUNT_OF.sale, ceilingVnd).safeParse(sale.amountVnd);
      if (!checked.success)
        for (const issue of checked.error.issues)
          context.addIssue({ code: 'custom', path: ['amountVnd'], message: issue.message });
    })
    .transform(({ method, lines, amountVnd }) => ({ method, lines, amountVnd: amountVnd as number }));

/** The body's shape at the HTTP edge; the use case applies the configured ceiling itself. */
export const createSaleInput = saleInput();
export type CreateSaleInput = z.input<ReturnType<typeof saleInput>>;

export interface SalesDeps {
  readonly store: MarketsStore;
  readonly clock: Clock;
  readonly newId: () => string;
  /** The configured stall ceiling (STALL_CEILING_VND); absent → DEFAULT_STALL_CEILING_VND. */
  readonly stallCeilingVnd?: number;
}

const invalidSale = (issues: readonly z.core.$ZodIssue[]) =>
  new DomainError(
    'validation',
    'validation_failed',
    {
      vi: 'Đơn bán chưa đúng, xem lại các ô được đánh dấu.',
      en: 'The sale is not right yet: see the marked fields.',
    },
    { fields: toFieldIssues(issues) },
  );

/**
 * A sale at the stall. QR: a dynamic VietQR for the amount with the sale code in 62.08, paid when the
 * bank's money arrives. Cash: recorded as paid at once (the vendor holds the notes), no QR; it enters
 * the household's sales book as the `cash` source (decision 1000).
 */
export async function createSale(deps: SalesDeps, actor: Actor, stallId: string, input: CreateSaleInput) {
  const parsed = saleInput(deps.stallCeilingVnd).safeParse(input);
  if (!parsed.success) throw invalidSale(parsed.error.issues);
  const { method, lines, amountVnd } = parsed.data;
  const stall = await loadOwnStall(deps.store, actor, stallId);
  const now = deps.clock.now().toISOString();
  const base = {
    id: deps.newId(),
    stallId: stall.id,
    marketId: stall.marketId,
    vendorId: stall.vendorId,
    amountVnd,
    createdAt: now,
    method,
    ...(lines.length > 0 ? { lines } : {}),
  };
  if (method === 'cash') {
    const sale: Sale = {
      ...base,
      code: newSaleCode(CASH_SALE_CODE_PREFIX),
      status: 'paid',
      receivedVnd: amountVnd,
      payments: 0,
      paidAt: now,
      paidAmountVnd: amountVnd,
    };
    await deps.store.putSale(sale);
    return { sale, qr: undefined };
  }
  const account = await activeAccountOfStall(deps.store, stall);
  const sale: Sale = { ...base, code: newSaleCode(), status: 'open', receivedVnd: 0, payments: 0 };
  await deps.store.putSale(sale);
  const qr = buildVietQR({
    bin: account.bin,
    accountNumber: account.accountNumber,
    amount: sale.amountVnd,
    purpose: sale.code,
  });
  return { sale, qr };
}

/** A sale with what it has received, what is missing and what came in beyond it. */
export const saleView = (sale: Sale) => ({ ...sale, ...billState(sale.amountVnd, saleReceivedVnd(sale)) });
export type SaleView = ReturnType<typeof saleView>;

const SALE = { vi: 'đơn bán', en: 'sale' };

/**
 * The QR for what an underpaid sale still lacks, under the same sale code: the next transfer adds to
 * the same sale, which is paid once the sum covers the amount.
 */
export async function saleBalanceQr(deps: Omit<SalesDeps, 'newId'>, actor: Actor, saleCode: string) {
  const sale = await deps.store.getSale(saleCode.trim().toUpperCase());
  if (!sale) throw notFound(SALE);
  const stall = await loadOwnStall(deps.store, actor, sale.stallId);
  const view = saleView(sale);
  if (view.settled) throw notFound({ vi: 'khoản còn thiếu của đơn bán', en: 'balance of the sale' });
  const account = await activeAccountOfStall(deps.store, stall);
  const qr = buildVietQR({
    bin: account.bin,
    accountNumber: account.accountNumber,
    amount: view.shortfallVnd,
    purpose: sale.code,
  });
  return { sale: view, qr };
}

/** Today's sales of the vendor's stalls that money reached but did not cover: the vendor must always see them. */
export async function underpaidSalesOfDay(deps: Omit<SalesDeps, 'newId'>, actor: Actor, day?: string) {
  const date = day ?? vietnamDay(deps.clock.now());
  const stalls = (await deps.store.listStallsOfVendor(actor.userId)).filter(
    (stall) => stall.vendorId === actor.userId,
  );
  const sales = (
    await Promise.all(stalls.map((stall) => deps.store.listSalesOfStall(stall.id, date)))
  ).flat();
  return sales
    .filter((sale) => sale.status === 'underpaid')
    .map(saleView)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** A stall's sales and takings for one Vietnamese day (default today): for its vendor or its manager. */
export async function stallDay(deps: Omit<SalesDeps, 'newId'>, actor: Actor, stallId: string, day?: string) {
  const { stall } = await loadStallFor(deps.store, actor, stallId, { helpers: true });
  const date = day ?? vietnamDay(deps.clock.now());
  const [sales, ledger] = await Promise.all([
    deps.store.listSalesOfStall(stall.id, date),
    deps.store.ledgerOfStall(stall.id, date),
  ]);
  const takingsVnd = ledger.reduce((sum, entry) => sum + entry.amountVnd, 0);
  const cash = sales.filter((sale) => sale.method === 'cash');
  const cashVnd = cash.reduce((sum, sale) => sum + sale.amountVnd, 0);
  return {
    stall,
    day: date,
    sales: sales.map(saleView),
    ledger,
    /** Verified bank money (the ledger), as before cash sales. */
    takingsVnd,
    payments: ledger.length,
    /** Cash recorded on the sell screen, beside the bank money. */
    cashVnd,
    cashSales: cash.length,
    /** The day's takings complete: bank money and cash. */
    totalVnd: takingsVnd + cashVnd,
  };
}
