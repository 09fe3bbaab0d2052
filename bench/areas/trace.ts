/**
 * Traceability on the local stack: how fast the resolver answers a scanned lot code (the linkset path
 * does the whole lookup: code claim → lot + events → farm), and how heavy the trace page is on the wire.
 */
import { seedLots, seedTeaGtin } from '../../infra/local/src/seed/trace.ts';
import { type BenchArea, percentile } from '../contract.ts';

const SAMPLES = 300;

async function timed(url: string, init?: RequestInit): Promise<number> {
  const start = performance.now();
  const response = await fetch(url, init);
  await response.arrayBuffer();
  if (response.status >= 400) throw new Error(`${url} answered ${response.status}`);
  return performance.now() - start;
}

export const area: BenchArea = {
  name: 'trace',
  needsStack: true,
  floors: {
    'trace.resolveP50Ms': { op: '<=', value: 50 },
    'trace.resolveP99Ms': { op: '<=', value: 250 },
    'site.tracePageKb': { op: '<=', value: 60 },
  },
  async run(ctx) {
    if (!ctx.apiUrl || !ctx.siteUrl) throw new Error('trace bench needs the local stack');
    const tea = seedLots[0]!;
    const resolveUrl = `${ctx.apiUrl}/01/${seedTeaGtin}/10/${tea.lotCode}`;
    const linkset = { headers: { accept: 'application/linkset+json' } };
    for (let i = 0; i < 30; i++) await timed(resolveUrl, linkset);
    const samples: number[] = [];
    for (let i = 0; i < SAMPLES; i++) samples.push(await timed(resolveUrl, linkset));

    // Bytes as sent (gzip when the server compresses), HTML only: the page has no scripts, styles are inline.
    const lychee = seedLots[1]!;
    const page = await fetch(`${ctx.siteUrl}/truy-xuat/l/${lychee.lotCode}`, {
      headers: { 'accept-encoding': 'gzip, br' },
    });
    const body = await page.arrayBuffer();
    const encoded = page.headers.get('content-length');
    const bytes = encoded ? Number(encoded) : body.byteLength;
    ctx.log(
      `resolve p50 ${percentile(samples, 50).toFixed(2)} ms, page ${bytes} bytes (${page.headers.get('content-encoding') ?? 'identity'})`,
    );
    return {
      'trace.resolveP50Ms': Number(percentile(samples, 50).toFixed(2)),
      'trace.resolveP99Ms': Number(percentile(samples, 99).toFixed(2)),
      'site.tracePageKb': Math.round((bytes / 1024) * 10) / 10,
    };
  },
};
