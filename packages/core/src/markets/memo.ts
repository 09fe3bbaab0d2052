/**
 * Finding a platform code in a transfer memo after bank apps have had their way with it:
 * lower case, diacritics, spaces or dots inside the code, bank prefixes ("MBVCB.3312.…"),
 * suffixes ("… CT tu 0912…"), truncation at the end, and a payer who retyped one character.
 */
import { removeDiacritics } from '../text/fold.ts';

export type CodeKind = 'sale' | 'stall' | 'order' | 'fee';

export interface MemoCandidate {
  readonly kind: CodeKind;
  readonly code: string;
  /** The amount the code expects, if any: breaks ties between equally good matches. */
  readonly amountVnd?: number;
}

export type MemoMatchQuality = 'exact' | 'truncated' | 'edited';

export interface MemoMatch<C extends MemoCandidate = MemoCandidate> {
  readonly candidate: C;
  readonly quality: MemoMatchQuality;
}

/** Characters people and OCR confuse; folded the same way on both sides before comparing. */
const CONFUSABLE: Record<string, string> = { O: '0', I: '1', L: '1' };

/** Upper-case ASCII letters and digits only, confusables folded. */
export function compactCode(text: string): string {
  return removeDiacritics(text)
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .replace(/[OIL]/g, (char) => CONFUSABLE[char] ?? char);
}

/** Memo words, each compacted (for the one-edit rule, which must not span two words). */
function memoWords(memo: string): string[] {
  return removeDiacritics(memo)
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter(Boolean)
    .map(compactCode);
}

/** Truncation keeps at least this much of a code (shorter stubs match too much). */
const MIN_TRUNCATED = 5;
/** A one-character edit is tolerated only in codes at least this long. */
const MIN_EDITABLE = 6;

function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

function qualityOf(
  compactMemo: string,
  words: readonly string[],
  code: string,
): MemoMatchQuality | undefined {
  if (code.length === 0) return undefined;
  if (compactMemo.includes(code)) return 'exact';
  for (let keep = code.length - 1; keep >= Math.max(MIN_TRUNCATED, Math.ceil(code.length * 0.6)); keep--) {
    if (compactMemo.endsWith(code.slice(0, keep))) return 'truncated';
  }
  if (code.length >= MIN_EDITABLE && words.some((word) => withinOneEdit(word, code))) return 'edited';
  return undefined;
}

const RANK: Record<MemoMatchQuality, number> = { exact: 3, truncated: 2, edited: 1 };

/**
 * The one candidate the memo names, or undefined when it names none or several equally well
 * (ambiguity goes to the review queue rather than to a guess). Equal quality is settled by the amount.
 */
export function matchMemo<C extends MemoCandidate>(
  memo: string,
  candidates: readonly C[],
  amountVnd?: number,
): MemoMatch<C> | undefined {
  const compactMemo = compactCode(memo);
  const words = memoWords(memo);
  let best: Array<MemoMatch<C>> = [];
  for (const candidate of candidates) {
    const quality = qualityOf(compactMemo, words, compactCode(candidate.code));
    if (!quality) continue;
    const rank = RANK[quality];
    const bestRank = best[0] ? RANK[best[0].quality] : 0;
    if (rank > bestRank) best = [{ candidate, quality }];
    else if (rank === bestRank) best.push({ candidate, quality });
  }
  if (best.length === 1) return best[0];
  if (best.length > 1 && amountVnd !== undefined) {
    const sameAmount = best.filter((match) => match.candidate.amountVnd === amountVnd);
    if (sameAmount.length === 1) return sameAmount[0];
  }
  return undefined;
}
