/**
 * Bank directory: VietQR BIN ↔ bank, from the checked-in `banks.data.ts` (generated; see
 * scripts/generate-banks.ts). Name look-ups ignore case, spaces and Vietnamese diacritics.
 */
import { BANK_ENTRIES } from './banks.data.ts';
import { foldName } from './transliterate.ts';

export interface BankEntry {
  readonly bin: string;
  /** Short code used by vietqr.io and most bank apps, e.g. `VCB`, `ICB`. */
  readonly code: string;
  readonly shortName: string;
  readonly fullName: string;
  /** Other names and codes seen in source lists (old names, alternative codes). */
  readonly aliases: readonly string[];
  /** Conflicts and renames recorded by the research, e.g. two BINs for CIMB. */
  readonly notes: readonly string[];
  readonly sourceCount: number;
  /** Listed by a VietQR-ecosystem source (vietqr.io or vietnam-qr-pay), not only by the SBV registry. */
  readonly vietqrListed: boolean;
}

/** What parsed data carries: enough to show, without the research bookkeeping. */
export interface Bank {
  readonly bin: string;
  readonly code: string;
  readonly shortName: string;
  readonly fullName: string;
}

const byBin = new Map<string, BankEntry>();
const byName = new Map<string, BankEntry>();

/**
 * When a name maps to two BINs (CIMB 422589/970459, MAFC 977777/970468) prefer the one the VietQR
 * ecosystem uses, then the better-sourced one; the other stays reachable by its BIN.
 */
function better(a: BankEntry, b: BankEntry): BankEntry {
  if (a.vietqrListed !== b.vietqrListed) return a.vietqrListed ? a : b;
  if (a.sourceCount !== b.sourceCount) return a.sourceCount > b.sourceCount ? a : b;
  return a.bin < b.bin ? a : b;
}

for (const entry of BANK_ENTRIES) {
  byBin.set(entry.bin, entry);
  for (const name of [entry.code, entry.shortName, entry.fullName, ...entry.aliases]) {
    const key = foldName(name);
    if (!key) continue;
    const current = byName.get(key);
    byName.set(key, current ? better(current, entry) : entry);
  }
}

export function bankByBin(bin: string): BankEntry | undefined {
  return byBin.get(bin);
}

/** Looks up by BIN, code, short name, full name or alias: `vcb`, `Vietcombank`, `Ngân hàng Á Châu`… */
export function findBank(query: string): BankEntry | undefined {
  const trimmed = query.trim();
  return byBin.get(trimmed) ?? byName.get(foldName(trimmed));
}

export function listBanks(): readonly BankEntry[] {
  return BANK_ENTRIES;
}

const publicByBin = new Map<string, Bank>(
  BANK_ENTRIES.map((e) => [
    e.bin,
    Object.freeze({ bin: e.bin, code: e.code, shortName: e.shortName, fullName: e.fullName }),
  ]),
);

/** The shareable (frozen, allocated once) public view of a bank. */
export function publicBank(entry: BankEntry): Bank {
  return publicByBin.get(entry.bin)!;
}
