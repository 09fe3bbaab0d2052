import { categories, categorySlugs } from '../catalog/categories.ts';
import { foldForSearch } from '../text/fold.ts';
import type { SearchQuery } from './search.ts';
import { forEachGap } from './search-bytes.ts';
import { compareText, idOf, type SearchIndex, searchWords } from './search-index.ts';

/**
 * Relevance: every query word is looked for in the title (strongest), then origin (province, commune),
 * category and description; diacritics and case never matter. The word being typed (the last one) may be
 * unfinished ("vai thi" → "vải thiều"), and one letter off is forgiven in words of five letters or more.
 * Results must match most of the words; a title containing the whole phrase ranks first, then titles the
 * query says more of ("vải thiều" → fresh lychee before dried). Ties go to the newest listing.
 */
const WEIGHT = { title: 4, origin: 2.5, category: 1.5, body: 0.75 } as const;
const PREFIX = 0.8;
const TYPO = 0.6;
/** Share of the query's words a listing must match. */
const MUST_MATCH = 0.6;

/** One letter off (typo, missing letter) is forgiven in words of five letters or more. */
function nearlyEqual(a: string, b: string): boolean {
  if (a.length < 5 || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i += 1;
      j += 1;
      continue;
    }
    edits += 1;
    if (edits > 1) return false;
    if (a.length > b.length) i += 1;
    else if (b.length > a.length) j += 1;
    else {
      i += 1;
      j += 1;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

/** How well a word of a listing answers a query word: 1 exact, PREFIX, TYPO or 0. */
export function wordMatch(token: string, word: string, isLast: boolean): number {
  if (word === token) return 1;
  if (isLast && token.length >= 2 && word.startsWith(token)) return PREFIX;
  return nearlyEqual(token, word) ? TYPO : 0;
}

const bestMatch = (token: string, words: readonly string[], isLast: boolean) => {
  let best = 0;
  for (const word of words) best = Math.max(best, wordMatch(token, word, isLast));
  return best;
};

const categoryWords = categorySlugs.map((slug) =>
  searchWords(`${categories[slug].vi} ${categories[slug].en}`),
);

/** First term id ≥ `text` (terms are sorted). */
function lowerBound(terms: readonly string[], text: string): number {
  let lo = 0;
  let hi = terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareText(terms[mid] as string, text) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Terms by length, built once per index: typo candidates are only words one letter longer or shorter. */
const byLength = new WeakMap<SearchIndex, Map<number, number[]>>();
function termsOfLength(index: SearchIndex, length: number): readonly number[] {
  let table = byLength.get(index);
  if (!table) {
    table = new Map();
    index.terms.forEach((term, id) => {
      const list = table!.get(term.length);
      if (list) list.push(id);
      else table!.set(term.length, [id]);
    });
    byLength.set(index, table);
  }
  return table.get(length) ?? [];
}

interface TokenPlan {
  /** Best title/description score per doc for this query word. */
  readonly docs: Float64Array;
  /** Origin score per origin, category score per category. */
  readonly origin: Float64Array;
  readonly category: Float64Array;
  /** Exact term id, or -1. */
  readonly exact: number;
  /** Terms starting with the word: [from, to). */
  readonly prefix: readonly [number, number];
}

/** What one query word matches in an index: each term's match (exact, prefix, typo), then per doc. */
function planToken(index: SearchIndex, token: string, isLast: boolean): TokenPlan {
  const { terms } = index;
  const from = lowerBound(terms, token);
  let to = from;
  while (to < terms.length && (terms[to] as string).startsWith(token)) to++;
  const exact = from < terms.length && terms[from] === token ? from : -1;
  const match = new Float64Array(terms.length);
  const matched: number[] = [];
  const note = (term: number, value: number) => {
    if ((match[term] as number) === 0) matched.push(term);
    if ((match[term] as number) < value) match[term] = value;
  };
  if (exact >= 0) note(exact, 1);
  if (isLast && token.length >= 2) for (let t = from; t < to; t++) note(t, PREFIX);
  if (token.length >= 5) {
    for (let length = token.length - 1; length <= token.length + 1; length++) {
      for (const t of termsOfLength(index, length)) {
        if ((match[t] as number) === 0 && nearlyEqual(token, terms[t] as string)) note(t, TYPO);
      }
    }
  }
  const docs = new Float64Array(index.size);
  const raise = (postings: SearchIndex['title'], term: number, score: number) =>
    forEachGap(postings.bytes, postings.starts[term] as number, postings.starts[term + 1] as number, (d) => {
      if ((docs[d] as number) < score) docs[d] = score;
    });
  for (const term of matched) raise(index.title, term, WEIGHT.title * (match[term] as number));
  if (exact >= 0) raise(index.body, exact, WEIGHT.body);
  const origin = new Float64Array(index.origins.length);
  index.origins.forEach((o, i) => {
    let best = 0;
    for (const word of o.words) best = Math.max(best, match[word] as number);
    origin[i] = WEIGHT.origin * best;
  });
  return {
    docs,
    origin,
    category: Float64Array.from(categoryWords, (words) => WEIGHT.category * bestMatch(token, words, isLast)),
    exact,
    prefix: [from, to],
  };
}

/** +6 when the title holds the whole phrase, +4 when it holds it with the last word unfinished. */
function phraseBonus(index: SearchIndex, d: number, plans: readonly TokenPlan[]): number {
  const start = index.titleStarts[d] as number;
  const end = index.titleStarts[d + 1] as number;
  const k = plans.length;
  const last = plans[k - 1] as TokenPlan;
  let bonus = 0;
  for (let at = start; at + k <= end; at++) {
    let i = 0;
    while (i < k - 1 && index.titleWords[at + i] === plans[i]!.exact) i++;
    if (i < k - 1) continue;
    const word = index.titleWords[at + k - 1] as number;
    if (word === last.exact) return 6;
    if (word >= last.prefix[0] && word < last.prefix[1]) bonus = 4;
  }
  return bonus;
}

export interface RankedPage {
  /** Every match, not only this page's. */
  readonly total: number;
  readonly ids: readonly string[];
  /** Relevance of each of `ids` (what relevance tests and tuning read). */
  readonly scores: readonly number[];
}

/**
 * One page of matches from several indexes at once (the newest listings first: pass the index of
 * listings published since the snapshot before the snapshot itself), best first, ties newest first.
 */
export function rankListings(
  indexes: readonly SearchIndex[],
  query: Omit<SearchQuery, 'limit' | 'page'>,
  window: { readonly offset: number; readonly limit: number },
): RankedPage {
  const phrase = foldForSearch(query.q);
  const tokens = phrase ? phrase.split(' ') : [];
  const provinceKey = query.province ? foldForSearch(query.province) : undefined;
  const category = query.category ? categorySlugs.indexOf(query.category) : -1;
  const k = tokens.length;
  const top = new TopK(Math.max(0, window.offset + window.limit));
  let total = 0;
  let base = 0;
  for (const index of indexes) {
    const plans = tokens.map((token, i) => planToken(index, token, i === k - 1));
    for (let d = 0; d < index.size; d++) {
      if (category >= 0 && index.category[d] !== category) continue;
      const origin = index.origin[d] as number;
      if (provinceKey !== undefined && index.origins[origin]!.provinceKey !== provinceKey) continue;
      if (query.ocop && (index.ocop[d] as number) < query.ocop) continue;
      const price = index.price[d] as number;
      if (query.minPrice !== undefined && price < query.minPrice) continue;
      if (query.maxPrice !== undefined && price > query.maxPrice) continue;
      let score = 1;
      if (k > 0) {
        let sum = 0;
        let matched = 0;
        for (const plan of plans) {
          const best = Math.max(
            plan.docs[d] as number,
            plan.origin[origin] as number,
            plan.category[index.category[d] as number] as number,
          );
          if (best > 0) matched += 1;
          sum += best;
        }
        if (matched / k < MUST_MATCH) continue;
        const titleLength = (index.titleStarts[d + 1] as number) - (index.titleStarts[d] as number);
        sum += phraseBonus(index, d, plans) + 2 * Math.min(1, k / Math.max(titleLength, 1));
        score = sum * (matched / k);
      }
      total += 1;
      top.offer(base + d, score);
    }
    base += index.size;
  }
  const page = top.sorted().slice(window.offset);
  return {
    total,
    ids: page.map((entry) => idOfRank(indexes, entry.rank)),
    scores: page.map((entry) => entry.score),
  };
}

/**
 * The best `size` candidates by score, ties to the lower rank (the newer listing), in a binary heap
 * whose root is the worst kept: a query matching 50,000 listings orders only the page it shows.
 */
class TopK {
  private readonly ranks: number[] = [];
  private readonly scores: number[] = [];

  constructor(private readonly size: number) {}

  /** a ranks below b (worse). */
  private worse(a: number, b: number): boolean {
    const sa = this.scores[a] as number;
    const sb = this.scores[b] as number;
    return sa < sb || (sa === sb && (this.ranks[a] as number) > (this.ranks[b] as number));
  }

  private swap(a: number, b: number) {
    [this.ranks[a], this.ranks[b]] = [this.ranks[b] as number, this.ranks[a] as number];
    [this.scores[a], this.scores[b]] = [this.scores[b] as number, this.scores[a] as number];
  }

  offer(rank: number, score: number): void {
    if (this.size === 0) return;
    if (this.ranks.length < this.size) {
      this.ranks.push(rank);
      this.scores.push(score);
      let i = this.ranks.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.worse(i, parent)) break;
        this.swap(i, parent);
        i = parent;
      }
      return;
    }
    // Candidates come in rank order, so an equal score never beats the kept one.
    if (score <= (this.scores[0] as number)) return;
    this.ranks[0] = rank;
    this.scores[0] = score;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let worst = i;
      if (left < this.ranks.length && this.worse(left, worst)) worst = left;
      if (right < this.ranks.length && this.worse(right, worst)) worst = right;
      if (worst === i) return;
      this.swap(i, worst);
      i = worst;
    }
  }

  sorted(): Array<{ rank: number; score: number }> {
    return this.ranks
      .map((rank, i) => ({ rank, score: this.scores[i] as number }))
      .sort((a, b) => b.score - a.score || a.rank - b.rank);
  }
}

function idOfRank(indexes: readonly SearchIndex[], rank: number): string {
  let rest = rank;
  for (const index of indexes) {
    if (rest < index.size) return idOf(index, rest);
    rest -= index.size;
  }
  throw new Error(`rank ${rank} is past the indexes`);
}
