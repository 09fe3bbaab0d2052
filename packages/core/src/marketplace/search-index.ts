import { type CategorySlug, categorySlugs } from '../catalog/categories.ts';
import { lowestPrice, type Pack, type Product } from '../catalog/product.ts';
import { foldForSearch } from '../text/fold.ts';
import { ByteReader, ByteWriter, hostIsLittleEndian } from './search-bytes.ts';

/** What search knows of a listing; the snapshot holds only this, and pages fetch the listing itself. */
export interface SearchEntry {
  readonly id: string;
  readonly titleVi: string;
  readonly titleEn?: string | undefined;
  readonly description: string;
  readonly category: CategorySlug;
  readonly province: string;
  readonly commune?: string | undefined;
  readonly ocopStars?: number | undefined;
  readonly priceVnd: number;
  readonly createdAt: string;
}

/** The fields of a listing that search reads (the catalogue read projects only these). */
export type SearchableListing = Pick<
  Product,
  'id' | 'title' | 'description' | 'category' | 'province' | 'commune' | 'ocopStars' | 'createdAt'
> & { readonly packs: readonly Pick<Pack, 'priceVnd'>[] };

export const searchableFields = [
  'id',
  'title',
  'description',
  'category',
  'province',
  'commune',
  'ocopStars',
  'packs',
  'createdAt',
] as const satisfies readonly (keyof SearchableListing)[];

export const toSearchEntry = (listing: SearchableListing): SearchEntry => ({
  id: listing.id,
  titleVi: listing.title.vi,
  titleEn: listing.title.en,
  description: `${listing.description.vi} ${listing.description.en ?? ''}`,
  category: listing.category,
  province: listing.province,
  commune: listing.commune,
  ocopStars: listing.ocopStars,
  priceVnd: lowestPrice(listing),
  createdAt: listing.createdAt,
});

/** Where a listing comes from, shared by every listing of one commune: its words as term ids. */
export interface SearchOrigin {
  readonly words: readonly number[];
  readonly provinceKey: string;
}

/** Each term's doc ids (ascending, gap-coded): term t's are bytes[starts[t] … starts[t+1]). */
export interface Postings {
  readonly bytes: Uint8Array;
  readonly starts: Uint32Array;
}

/**
 * The catalogue folded for matching, as a view over its snapshot bytes (nothing is copied out of
 * them but small columns): doc d is the d-th newest listing, terms are the folded words of every
 * title, description and origin, sorted (a prefix is a range of term ids).
 */
export interface SearchIndex {
  readonly size: number;
  /** The snapshot this index reads; `encodeSearchIndex` returns it as is. */
  readonly bytes: Uint8Array;
  readonly terms: readonly string[];
  /** Listing ids, UTF-8, doc d's are idBytes[idStarts[d] … idStarts[d+1]). */
  readonly idBytes: Uint8Array;
  readonly idStarts: Uint32Array;
  /** Words of the Vietnamese title in order (phrase matches), doc d's are titleWords[titleStarts[d] … [d+1]). */
  readonly titleStarts: Uint32Array;
  readonly titleWords: Uint32Array;
  /** Every title word (Vietnamese and English) and every description word, per term. */
  readonly title: Postings;
  readonly body: Postings;
  readonly category: Uint8Array;
  readonly origin: Uint32Array;
  readonly origins: readonly SearchOrigin[];
  /** 0 when the listing has no OCOP rating. */
  readonly ocop: Uint8Array;
  /** The cheapest pack's price (VND is below 500 million, money/vnd.ts). */
  readonly price: Uint32Array;
  /** When the newest listing (doc 0) was created; '' for an empty index. Later ones are not in it yet. */
  readonly newestCreatedAt: string;
}

export const searchWords = (text: string): string[] => foldForSearch(text).split(' ').filter(Boolean);

const decoder = new TextDecoder();
export const idOf = (index: SearchIndex, d: number): string =>
  decoder.decode(index.idBytes.subarray(index.idStarts[d], index.idStarts[d + 1]));

interface PendingDoc {
  readonly createdAt: string;
  readonly id: string;
  readonly titleWords: number[];
  readonly title: number[];
  readonly body: number[];
  readonly category: number;
  readonly origin: number;
  readonly ocop: number;
  readonly price: number;
}

const MAGIC = 'chophien-search/1';

/**
 * Folds listings one at a time (the catalogue is read page by page) and keeps only term numbers,
 * so building an index of 100,000 listings never holds the listings themselves.
 */
export class SearchIndexBuilder {
  private readonly termIds = new Map<string, number>();
  private readonly originIds = new Map<string, number>();
  private readonly origins: SearchOrigin[] = [];
  private readonly docs: PendingDoc[] = [];

  get size(): number {
    return this.docs.length;
  }

  private term(word: string): number {
    let id = this.termIds.get(word);
    if (id === undefined) {
      id = this.termIds.size;
      this.termIds.set(word, id);
    }
    return id;
  }

  private origin(province: string, commune: string | undefined): number {
    const key = `${province}\n${commune ?? ''}`;
    let id = this.originIds.get(key);
    if (id === undefined) {
      id = this.origins.length;
      this.originIds.set(key, id);
      this.origins.push({
        words: searchWords(`${province} ${commune ?? ''}`).map((word) => this.term(word)),
        provinceKey: foldForSearch(province),
      });
    }
    return id;
  }

  add(entry: SearchEntry): void {
    const titleWords = searchWords(entry.titleVi).map((word) => this.term(word));
    const english = entry.titleEn ? searchWords(entry.titleEn).map((word) => this.term(word)) : [];
    this.docs.push({
      createdAt: entry.createdAt,
      id: entry.id,
      titleWords,
      title: [...new Set([...titleWords, ...english])],
      body: [...new Set(searchWords(entry.description).map((word) => this.term(word)))],
      category: categorySlugs.indexOf(entry.category),
      origin: this.origin(entry.province, entry.commune),
      ocop: entry.ocopStars ?? 0,
      price: entry.priceVnd,
    });
  }

  /** The snapshot bytes (see `decodeSearchIndex` for the layout). */
  encode(): Uint8Array {
    const words = [...this.termIds.keys()];
    const order = words
      .map((_, id) => id)
      .sort((a, b) => compareText(words[a] as string, words[b] as string));
    const renumber = new Uint32Array(words.length);
    order.forEach((oldId, newId) => {
      renumber[oldId] = newId;
    });
    // Newest first: equal scores rank the newest listing first without a comparison at query time.
    const docs = [...this.docs].sort(
      (a, b) => compareText(b.createdAt, a.createdAt) || compareText(b.id, a.id),
    );
    const out = new ByteWriter();
    out.text(MAGIC);
    out.uint(docs.length);
    out.uint(words.length);
    out.text(docs[0]?.createdAt ?? '');
    out.text(order.map((id) => words[id]).join('\n'));
    out.text(
      JSON.stringify(
        this.origins.map((origin) => ({
          words: origin.words.map((id) => renumber[id]),
          provinceKey: origin.provinceKey,
        })),
      ),
    );
    out.bytes(Uint8Array.from(docs, (doc) => doc.category));
    out.bytes(Uint8Array.from(docs, (doc) => doc.ocop));
    out.words(docs.map((doc) => doc.origin));
    out.words(docs.map((doc) => doc.price));
    out.words(runningTotals(docs.map((doc) => doc.titleWords.length)));
    out.words(docs.flatMap((doc) => doc.titleWords.map((id) => renumber[id] as number)));
    const ids = docs.map((doc) => new TextEncoder().encode(doc.id));
    out.words(runningTotals(ids.map((id) => id.length)));
    out.bytes(concat(ids));
    writePostings(
      out,
      docs.map((doc) => doc.title),
      renumber,
    );
    writePostings(
      out,
      docs.map((doc) => doc.body),
      renumber,
    );
    return out.result();
  }

  build(): SearchIndex {
    return decodeSearchIndex(this.encode());
  }
}

/** [0, a, a+b, …]: where each of a run of lists starts in their concatenation, and where the last ends. */
function runningTotals(lengths: readonly number[]): number[] {
  const totals = [0];
  for (const length of lengths) totals.push((totals.at(-1) as number) + length);
  return totals;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Code-unit order, the same everywhere (localeCompare is not): a prefix's terms are one range. */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Per-doc term lists → per-term gap-coded doc lists: the byte length of each term's list, then the lists. */
function writePostings(out: ByteWriter, perDoc: readonly (readonly number[])[], renumber: Uint32Array) {
  const terms = renumber.length;
  const offsets = new Uint32Array(terms + 1);
  for (const list of perDoc) for (const id of list) offsets[(renumber[id] as number) + 1]! += 1;
  for (let t = 0; t < terms; t++) offsets[t + 1]! += offsets[t] as number;
  const fill = offsets.slice(0, terms);
  const docs = new Uint32Array(offsets[terms] as number);
  perDoc.forEach((list, d) => {
    for (const id of list) docs[fill[renumber[id] as number]!++] = d;
  });
  const lists = new ByteWriter();
  const lengths: number[] = [];
  for (let t = 0; t < terms; t++) {
    const before = lists.size;
    lists.gaps(docs, offsets[t] as number, offsets[t + 1] as number);
    lengths.push(lists.size - before);
  }
  for (const length of lengths) out.uint(length);
  out.bytes(lists.result());
}

function readPostings(input: ByteReader, terms: number): Postings {
  const starts = new Uint32Array(terms + 1);
  for (let t = 0; t < terms; t++) starts[t + 1] = (starts[t] as number) + input.uint();
  const bytes = input.bytes();
  if (starts[terms] !== bytes.length) throw new Error('search snapshot postings do not add up');
  return { bytes, starts };
}

export const buildSearchIndex = (entries: Iterable<SearchEntry>): SearchIndex => {
  const builder = new SearchIndexBuilder();
  for (const entry of entries) builder.add(entry);
  return builder.build();
};

/** The snapshot every search container loads: the bytes the index was read from. */
export const encodeSearchIndex = (index: SearchIndex): Uint8Array => index.bytes;

/**
 * Reads a snapshot without copying it: ids, posting lists and per-listing numbers are views of `bytes`;
 * only the term list and the origins (a few thousand entries) become objects.
 */
export function decodeSearchIndex(snapshot: Uint8Array): SearchIndex {
  if (!hostIsLittleEndian) throw new Error('search snapshots are read on little-endian hosts only');
  // Views of 32-bit numbers need the bytes to start at a 4-byte boundary.
  const bytes = snapshot.byteOffset % 4 === 0 ? snapshot : snapshot.slice();
  const input = new ByteReader(bytes);
  if (input.text() !== MAGIC) throw new Error('not a search snapshot of this version');
  const size = input.uint();
  const termCount = input.uint();
  const newestCreatedAt = input.text();
  const termText = input.text();
  const terms = termCount > 0 ? termText.split('\n') : [];
  const origins = JSON.parse(input.text()) as SearchOrigin[];
  const category = input.bytes();
  const ocop = input.bytes();
  const origin = input.words();
  const price = input.words();
  const titleStarts = input.words();
  const titleWords = input.words();
  const idStarts = input.words();
  const idBytes = input.bytes();
  const sound =
    terms.length === termCount &&
    [category, ocop, origin, price].every((column) => column.length === size) &&
    titleStarts.length === size + 1 &&
    titleStarts[size] === titleWords.length &&
    idStarts.length === size + 1 &&
    idStarts[size] === idBytes.length;
  if (!sound) throw new Error('search snapshot does not add up');
  return {
    size,
    bytes,
    terms,
    idBytes,
    idStarts,
    titleStarts,
    titleWords,
    title: readPostings(input, termCount),
    body: readPostings(input, termCount),
    category,
    origin,
    origins,
    ocop,
    price,
    newestCreatedAt,
  };
}
