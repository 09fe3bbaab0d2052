/** Use-cases behind the manager console, the CSV export, open data and reconciliation. */

import { DomainError } from '../errors/domain-error.ts';
import type { Actor } from '../identity/index.ts';
import type { CsvLang } from '../text/csv.ts';
import { loadMarketFor, loadStallFor } from './access.ts';
import {
  ledgerCsv,
  type MarketDayFigures,
  marketDayFigures,
  type OpenDataRow,
  openDataRow,
} from './figures.ts';
import type { LedgerEntry, Market } from './model.ts';
import type { MarketsStore } from './ports.ts';
import { parseStatementCsv, reconcile } from './reconciliation.ts';
import { vietnamDay } from './time.ts';

async function activeAccountIds(store: MarketsStore, vendorIds: Iterable<string>): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const vendorId of new Set(vendorIds)) {
    for (const account of await store.listAccounts(vendorId))
      if (account.status === 'active') ids.add(account.id);
  }
  return ids;
}

async function figuresOf(store: MarketsStore, market: Market, day: string) {
  const [stalls, ledger] = await Promise.all([
    store.listStallsOfMarket(market.id),
    store.ledgerOfMarketDay(market.id, day),
  ]);
  const active = await activeAccountIds(
    store,
    stalls.map((stall) => stall.vendorId),
  );
  return {
    stalls,
    ledger,
    figures: marketDayFigures({ market, day, stalls, activeAccountIds: active, ledger }),
  };
}

export async function marketDay(
  store: MarketsStore,
  actor: Actor,
  marketId: string,
  day: string,
): Promise<{ market: Market; figures: MarketDayFigures }> {
  const market = await loadMarketFor(store, actor, marketId);
  return { market, figures: (await figuresOf(store, market, day)).figures };
}

export async function marketDayCsv(
  store: MarketsStore,
  actor: Actor,
  marketId: string,
  day: string,
  lang: CsvLang = 'vi',
): Promise<string> {
  const market = await loadMarketFor(store, actor, marketId);
  const { stalls, ledger } = await figuresOf(store, market, day);
  return ledgerCsv(ledger, stalls, lang);
}

export const MAX_OPEN_DATA_DAYS = 31;

/** Per market and day, aggregates only; public. */
export async function openMarketData(store: MarketsStore, from: string, to: string): Promise<OpenDataRow[]> {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
    if (days.length > MAX_OPEN_DATA_DAYS) {
      throw new DomainError('validation', 'range_too_long', {
        vi: `Tối đa ${MAX_OPEN_DATA_DAYS} ngày mỗi lần.`,
        en: `At most ${MAX_OPEN_DATA_DAYS} days per request.`,
      });
    }
  }
  const rows: OpenDataRow[] = [];
  for (const market of await store.listMarkets()) {
    for (const day of days) rows.push(openDataRow(market, (await figuresOf(store, market, day)).figures));
  }
  return rows;
}

/** A vendor (or their manager) checks one stall's ledger over a period against a statement. */
export async function reconcileStall(
  store: MarketsStore,
  actor: Actor,
  stallId: string,
  input: { csv: string; from?: string; to?: string },
) {
  const { stall } = await loadStallFor(store, actor, stallId);
  const statement = parseStatementCsv(input.csv);
  const ledger: LedgerEntry[] = (await store.ledgerOfStall(stall.id)).filter((entry) => {
    const day = vietnamDay(entry.receivedAt);
    return (!input.from || day >= input.from) && (!input.to || day <= input.to);
  });
  return reconcile(ledger, statement);
}
