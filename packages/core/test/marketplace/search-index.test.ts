import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CategorySlug, categories, categorySlugs } from '../../src/catalog/categories.ts';
import { type SearchQuery, searchQuerySchema } from '../../src/marketplace/search.ts';
import {
  buildSearchIndex,
  decodeSearchIndex,
  encodeSearchIndex,
  type SearchEntry,
  searchWords,
} from '../../src/marketplace/search-index.ts';
import { rankListings, wordMatch } from '../../src/marketplace/search-ranking.ts';

/** Vietnamese syllables with and without their diacritics, a few long enough for typos. */
const vocabulary = [
  'chè',
  'che',
  'thái',
  'nguyên',
  'vải',
  'thiều',
  'na',
  'la',
  'hiên',
  'gạo',
  'nếp',
  'mật',
  'ong',
  'rừng',
  'bưởi',
  'luận',
  'văn',
  'đặc',
  'sản',
  'khoai',
  'thanh',
  'thơm',
  'ngọt',
];
const provinces = [
  ['Thái Nguyên', 'xã La Hiên'],
  ['Hải Phòng', 'xã Thanh Hà'],
  ['Thanh Hóa', undefined],
] as const;

const entryArbitrary = (i: number) =>
  fc
    .record({
      title: fc.array(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 5 }),
      english: fc.option(fc.array(fc.constantFrom('tea', 'lychee', 'rice', 'honey'), { maxLength: 2 })),
      description: fc.array(fc.constantFrom(...vocabulary), { maxLength: 8 }),
      category: fc.constantFrom(...categorySlugs),
      place: fc.constantFrom(...provinces),
      ocop: fc.option(fc.constantFrom(3, 4, 5)),
      price: fc.integer({ min: 1000, max: 500_000 }),
      minute: fc.integer({ min: 0, max: 50 }),
    })
    .map(
      (r): SearchEntry => ({
        id: `P${String(i).padStart(4, '0')}`,
        titleVi: r.title.join(' '),
        titleEn: r.english?.join(' '),
        description: r.description.join(' '),
        category: r.category,
        province: r.place[0],
        commune: r.place[1],
        ocopStars: r.ocop ?? undefined,
        priceVnd: r.price,
        // Equal times happen (a seed, an import): ties then go to the larger id.
        createdAt: new Date(Date.UTC(2026, 0, 1, 0, r.minute)).toISOString(),
      }),
    );

const catalogueArbitrary = fc
  .integer({ min: 0, max: 40 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => entryArbitrary(i))));

const queryArbitrary = fc.record({
  q: fc.array(fc.constantFrom(...vocabulary, 'thieu', 'nguye', 'thai ngu', 'vaii', 'xyz'), { maxLength: 3 }),
  category: fc.option(fc.constantFrom(...categorySlugs)),
  province: fc.option(fc.constantFrom('thai nguyen', 'Hải Phòng', 'ha noi')),
  ocop: fc.option(fc.constantFrom(3, 4, 5)),
  minPrice: fc.option(fc.integer({ min: 0, max: 300_000 })),
});

const phraseArbitrary = fc.record({
  use: fc.boolean(),
  source: fc.nat(),
  from: fc.nat(),
  length: fc.integer({ min: 1, max: 3 }),
  cut: fc.integer({ min: 0, max: 3 }),
});

const toQuery = (r: ReturnType<typeof queryArbitrary.generate>['value']): SearchQuery =>
  searchQuerySchema.parse({
    q: r.q.join(' '),
    ...(r.category ? { category: r.category } : {}),
    ...(r.province ? { province: r.province } : {}),
    ...(r.ocop ? { ocop: r.ocop } : {}),
    ...(r.minPrice !== null ? { minPrice: r.minPrice } : {}),
  });

/**
 * The ranking rules written plainly, listing by listing and word by word (the index answers them
 * from posting lists, term ranges and several indexes at once): the two must agree on every query.
 */
function plainRanking(entries: readonly SearchEntry[], query: SearchQuery) {
  const fold = (text: string) => searchWords(text).join(' ');
  const phrase = fold(query.q);
  const tokens = phrase ? phrase.split(' ') : [];
  const field = (token: string, words: string[], weight: number, isLast: boolean) =>
    Math.max(0, ...words.map((word) => weight * wordMatch(token, word, isLast)));
  const hits: Array<{ entry: SearchEntry; score: number }> = [];
  for (const entry of entries) {
    const label = categories[entry.category as CategorySlug];
    if (query.category && entry.category !== query.category) continue;
    if (query.province && fold(entry.province) !== fold(query.province)) continue;
    if (query.ocop && (entry.ocopStars ?? 0) < query.ocop) continue;
    if (query.minPrice !== undefined && entry.priceVnd < query.minPrice) continue;
    if (query.maxPrice !== undefined && entry.priceVnd > query.maxPrice) continue;
    if (tokens.length === 0) {
      hits.push({ entry, score: 1 });
      continue;
    }
    const title = searchWords(`${entry.titleVi} ${entry.titleEn ?? ''}`);
    const origin = searchWords(`${entry.province} ${entry.commune ?? ''}`);
    const category = searchWords(`${label.vi} ${label.en}`);
    const body = searchWords(entry.description);
    let score = 0;
    let matched = 0;
    tokens.forEach((token, i) => {
      const isLast = i === tokens.length - 1;
      const best = Math.max(
        field(token, title, 4, isLast),
        field(token, origin, 2.5, isLast),
        field(token, category, 1.5, isLast),
        body.includes(token) ? 0.75 : 0,
      );
      if (best > 0) matched += 1;
      score += best;
    });
    if (matched / tokens.length < 0.6) continue;
    const titleText = ` ${fold(entry.titleVi)} `;
    if (titleText.includes(` ${phrase} `)) score += 6;
    else if (titleText.includes(` ${phrase}`)) score += 4;
    score += 2 * Math.min(1, tokens.length / Math.max(searchWords(entry.titleVi).length, 1));
    hits.push({ entry, score: score * (matched / tokens.length) });
  }
  const newestFirst = (a: SearchEntry, b: SearchEntry) =>
    b.createdAt.localeCompare(a.createdAt) || (b.id > a.id ? 1 : b.id < a.id ? -1 : 0);
  hits.sort((a, b) => b.score - a.score || newestFirst(a.entry, b.entry));
  return { ids: hits.map((hit) => hit.entry.id), scores: hits.map((hit) => hit.score) };
}

const everything = { offset: 0, limit: 10_000 };

describe('the compact search index (offline)', () => {
  it('ranks exactly as the plain rules do, over one index or split into fresh + snapshot', () => {
    fc.assert(
      fc.property(
        catalogueArbitrary,
        queryArbitrary,
        fc.nat(),
        phraseArbitrary,
        (entries, rawQuery, cut, phrase) => {
          // Half the queries are a run of some title's words, the last one maybe cut short: phrases and prefixes.
          const words = searchWords(entries[phrase.source % Math.max(entries.length, 1)]?.titleVi ?? '');
          const run = words.slice(phrase.from % Math.max(words.length, 1)).slice(0, phrase.length);
          if (phrase.use && run.length > 0) {
            const last = run.at(-1) as string;
            rawQuery.q = [...run.slice(0, -1), last.slice(0, Math.max(1, last.length - phrase.cut))];
          }
          const query = toQuery(rawQuery);
          const expected = plainRanking(entries, query);
          const whole = rankListings([buildSearchIndex(entries)], query, everything);
          expect(whole.ids).toEqual(expected.ids);
          whole.scores.forEach((score, i) => {
            expect(score).toBeCloseTo(expected.scores[i] as number, 9);
          });
          expect(whole.total).toBe(expected.ids.length);
          // The snapshot holds the older listings, the fresh index those created after it.
          const byAge = [...entries].sort(
            (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
          );
          const split = entries.length === 0 ? 0 : cut % (entries.length + 1);
          const snapshot = buildSearchIndex(byAge.slice(0, split));
          const fresh = buildSearchIndex(byAge.slice(split));
          expect(rankListings([fresh, snapshot], query, everything).ids).toEqual(expected.ids);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('survives encoding byte for byte, and a decoded index answers the same', () => {
    fc.assert(
      fc.property(catalogueArbitrary, queryArbitrary, (entries, rawQuery) => {
        const index = buildSearchIndex(entries);
        const decoded = decodeSearchIndex(encodeSearchIndex(index));
        expect(decoded).toEqual(index);
        expect(encodeSearchIndex(decoded)).toEqual(encodeSearchIndex(index));
        const query = toQuery(rawQuery);
        expect(rankListings([decoded], query, everything)).toEqual(rankListings([index], query, everything));
      }),
      { numRuns: 100 },
    );
  });

  it('pages through the ranking without gaps or repeats, and a page past the end is empty', () => {
    fc.assert(
      fc.property(catalogueArbitrary, fc.integer({ min: 1, max: 7 }), (entries, limit) => {
        const index = buildSearchIndex(entries);
        const query = searchQuerySchema.parse({ q: '' });
        const all = rankListings([index], query, everything).ids;
        const paged: string[] = [];
        for (let offset = 0; offset < all.length; offset += limit) {
          const page = rankListings([index], query, { offset, limit });
          expect(page.total).toBe(all.length);
          paged.push(...page.ids);
        }
        expect(paged).toEqual(all);
        expect(rankListings([index], query, { offset: all.length, limit }).ids).toEqual([]);
      }),
      { numRuns: 50 },
    );
  });

  it('refuses bytes that are not a snapshot, and a truncated one, instead of answering wrongly', () => {
    const bytes = encodeSearchIndex(buildSearchIndex([]));
    expect(() => decodeSearchIndex(new TextEncoder().encode('hello'))).toThrow();
    const full = encodeSearchIndex(
      buildSearchIndex([
        {
          id: 'A',
          titleVi: 'Chè búp',
          description: 'Chè ngon',
          category: 'che-ca-phe',
          province: 'Thái Nguyên',
          priceVnd: 50_000,
          createdAt: '2026-01-01T00:00:00.000Z',
        },
      ]),
    );
    expect(() => decodeSearchIndex(full.subarray(0, full.length - 3))).toThrow(/truncated/);
    expect(decodeSearchIndex(bytes).size).toBe(0);
  });
});
