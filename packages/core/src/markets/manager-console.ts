/** Use-cases behind the manager console, the CSV export, open data and reconciliation. */
import type { Actor } from '../identity/index.ts';
import type { CsvLang } from '../text/csv.ts';
import { loadMarketFor, loadStallFor } from './access.ts';
import { ledgerCsv, type MarketDayFigures, marketDayFigures } from './figures.ts';
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

/** A market's day: its stalls, ledger and the figures computed from them (console, export, open data). */
export async function figuresOf(store: MarketsStore, market: Market, day: string) {
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
