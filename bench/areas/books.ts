/**
 * Books area: how long the household's sales book takes to write as a file, the way the export route does it
 * (build the book from records, then exceljs / pdf-lib): a busy stall's month (3,000 sales) as XLSX and its
 * year (36,000 sales) as PDF. Median wall time of three runs after one warm-up, in one process.
 */

import { salesBookPdf } from '../../packages/core/src/books/pdf.ts';
import { salesBookXlsx } from '../../packages/core/src/books/xlsx.ts';
import { buildSalesBook, parsePeriod, recordFromLedgerEntry } from '../../packages/core/src/index.ts';
import { busyLedger } from '../../packages/core/test/books/generated.ts';
import type { BenchArea } from '../contract.ts';

const household = {
  id: 'vendor-1',
  name: 'Nguyễn Thị Hoa',
  address: 'xã Tân Cương, tỉnh Thái Nguyên',
  place: 'Sạp TD-A01, Chợ Tân Đức',
};

async function medianMs(run: () => Promise<unknown>, rounds = 3): Promise<number> {
  await run();
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return Math.round(samples[samples.length >> 1]!);
}

export const area: BenchArea = {
  name: 'books',
  floors: {
    'books.monthXlsxMs': { op: '<=', value: 2000 },
    'books.yearPdfMs': { op: '<=', value: 10000 },
  },
  async run(ctx) {
    const month = busyLedger('2026-11', 3000).map((e) => recordFromLedgerEntry(e, 'TD-A01'));
    const year = Array.from({ length: 12 }, (_, i) =>
      busyLedger(`2026-${String(i + 1).padStart(2, '0')}`, 3000),
    )
      .flat()
      .map((e) => recordFromLedgerEntry(e, 'TD-A01'));
    const monthXlsxMs = await medianMs(async () =>
      salesBookXlsx(
        buildSalesBook({
          form: 'S1a-HKD',
          period: parsePeriod('2026-11'),
          household,
          records: month,
          drawnUpOn: '2026-12-01',
        }),
      ),
    );
    ctx.log(`books: month of 3,000 sales as XLSX ${monthXlsxMs} ms`);
    const yearPdfMs = await medianMs(async () =>
      salesBookPdf(
        buildSalesBook({
          form: 'S2a-HKD',
          period: parsePeriod('2026'),
          household,
          records: year,
          drawnUpOn: '2027-01-05',
        }),
      ),
    );
    ctx.log(`books: year of 36,000 sales as PDF ${yearPdfMs} ms`);
    return { 'books.monthXlsxMs': monthXlsxMs, 'books.yearPdfMs': yearPdfMs };
  },
};
