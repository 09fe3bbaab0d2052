/** The household's books: the sales book of a period, the revenue report of a year, the bank-account form. */
import * as z from 'zod';
import type { UserProfile } from '../identity/profile.ts';
import type { Actor } from '../identity/user.ts';
import { vietnamDay } from '../markets/time.ts';
import { readableHousehold } from './access.ts';
import { type BankAccountRow, bankAccountRows } from './bank-accounts.ts';
import { type BookHousehold, buildSalesBook, type SalesBook } from './book.ts';
import { type BookFormCode, bookFormCodes } from './forms.ts';
import { type Period, parsePeriod, periodInstants, periodKeySchema } from './period.ts';
import type { BooksDeps } from './ports.ts';
import { type RevenueReport, revenueReport } from './revenue.ts';
import type { SalesRecord } from './sales-record.ts';

export const salesBookQuerySchema = z.strictObject({
  period: periodKeySchema,
  /** Which form; by default the one the year's revenue so far calls for. */
  form: z.enum(bookFormCodes as [BookFormCode, ...BookFormCode[]]).optional(),
  /** A commune officer reading for a household of their commune. */
  householdId: z.string().min(1).max(40).optional(),
});
export type SalesBookQuery = z.infer<typeof salesBookQuerySchema>;

export const yearQuerySchema = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100),
  householdId: z.string().min(1).max(40).optional(),
});

export async function recordsOf(deps: Pick<BooksDeps, 'sources'>, householdId: string, period: Period) {
  const range = periodInstants(period);
  const lists = await Promise.all(deps.sources.map((source) => source.recordsOf(householdId, range)));
  return lists.flat();
}

async function bookHousehold(deps: BooksDeps, profile: UserProfile): Promise<BookHousehold> {
  const stalls = await deps.places.stallsOf(profile.id);
  const places = stalls.map(({ stall, market }) => `Sạp ${stall.code}${market ? `, ${market.name}` : ''}`);
  if (profile.roles.includes('farmer')) places.push('Cửa hàng trực tuyến trên Chợ Phiên');
  const where = [profile.commune, profile.province].filter(Boolean).join(', ');
  const market = stalls[0]?.market;
  return {
    id: profile.id,
    name: profile.name,
    address: where || (market ? `${market.name}, ${market.commune}, ${market.province}` : ''),
    place: places.join('; '),
  };
}

export async function salesBook(deps: BooksDeps, actor: Actor, query: SalesBookQuery): Promise<SalesBook> {
  const { household } = await readableHousehold(deps, actor, query.householdId);
  const period = parsePeriod(query.period);
  const records = await recordsOf(deps, household.id, period);
  let form = query.form;
  if (!form) {
    // The year's revenue up to the end of this period decides which book it is.
    const yearSoFar =
      period.kind === 'year' ? records : await recordsOf(deps, household.id, yearUpTo(period));
    form = revenueReport(period.year, yearSoFar).form;
  }
  return buildSalesBook({
    form,
    period,
    household: await bookHousehold(deps, household),
    records,
    drawnUpOn: vietnamDay(deps.clock.now()),
  });
}

const yearUpTo = (period: Period): Period => ({
  ...parsePeriod(String(period.year)),
  lastDay: period.lastDay,
});

export async function householdRevenue(
  deps: BooksDeps,
  actor: Actor,
  query: z.infer<typeof yearQuerySchema>,
): Promise<RevenueReport & { household: { id: string; name: string } }> {
  const { household } = await readableHousehold(deps, actor, query.householdId);
  const records: SalesRecord[] = await recordsOf(deps, household.id, parsePeriod(String(query.year)));
  return { ...revenueReport(query.year, records), household: { id: household.id, name: household.name } };
}

export interface BankAccountForm {
  readonly year: number;
  readonly household: { id: string; name: string };
  readonly rows: readonly BankAccountRow[];
}

export async function bankAccountForm(
  deps: BooksDeps,
  actor: Actor,
  query: z.infer<typeof yearQuerySchema>,
): Promise<BankAccountForm> {
  const { household } = await readableHousehold(deps, actor, query.householdId);
  return {
    year: query.year,
    household: { id: household.id, name: household.name },
    rows: bankAccountRows(query.year, await deps.accounts.accountsOf(household.id)),
  };
}
