/**
 * Lighthouse (the npm package, 12.x) on the storefront of the local stack, with Debian's chromium:
 * the product page (`site.lighthouse.*`) and the home page (`site.lighthouse.home.*`), scores 0–100.
 * Lighthouse's defaults: mobile form factor, simulated throttling (slow 4G, 4× CPU slowdown), so the
 * performance score is computed from the trace rather than the wall clock of this shared machine.
 * Each page is audited RUNS times in a fresh headless Chromium and the median of each category kept
 * (performance moves a point or two between runs; the others do not).
 */
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM_PATH } from '../../test/support/browser.ts';
import { type BenchArea, percentile } from '../contract.ts';

const RUNS = 3;
const PRODUCT_PATH = '/san-pham/che-thai-nguyen-bup-tan-cuong';
const categories = {
  performance: 'performance',
  accessibility: 'accessibility',
  bestPractices: 'best-practices',
  seo: 'seo',
} as const;
type Scores = Record<keyof typeof categories, number>;

// The same quieting flags as the browser tests: on this closed network Chromium otherwise keeps
// dialling Google, and those requests would land in the audited page's network log.
const chromeFlags = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

async function audit(url: string, log: (message: string) => void): Promise<Scores> {
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM_PATH, chromeFlags });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: Object.values(categories),
    });
    const lhr = result?.lhr;
    if (!lhr) throw new Error(`Lighthouse returned no result for ${url}`);
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    const scores = Object.fromEntries(
      Object.entries(categories).map(([key, id]) => [
        key,
        Math.round((lhr.categories[id]?.score ?? 0) * 100),
      ]),
    ) as Scores;
    // Name what cost points, so a drop in BENCHMARKS.md can be chased without rerunning by hand.
    const failing = Object.values(lhr.audits)
      .filter((item) => item.score !== null && item.score < 0.9 && item.scoreDisplayMode !== 'informative')
      .map((item) => `${item.id}${item.displayValue ? ` (${item.displayValue})` : ''}`);
    log(
      `${new URL(url).pathname}: ${JSON.stringify(scores)}${failing.length ? ` — below 0.9: ${failing.join(', ')}` : ''}`,
    );
    return scores;
  } finally {
    chrome.kill();
  }
}

async function medianScores(url: string, log: (message: string) => void): Promise<Scores> {
  const runs: Scores[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await audit(url, log));
  return Object.fromEntries(
    Object.keys(categories).map((key) => [
      key,
      percentile(
        runs.map((run) => run[key as keyof Scores]),
        50,
      ),
    ]),
  ) as Scores;
}

export const area: BenchArea = {
  name: 'lighthouse',
  needsStack: true,
  floors: {
    'site.lighthouse.performance': { op: '>=', value: 95 },
    'site.lighthouse.accessibility': { op: '==', value: 100 },
    'site.lighthouse.home.performance': { op: '>=', value: 95 },
    'site.lighthouse.home.accessibility': { op: '==', value: 100 },
  },
  async run(ctx) {
    if (!ctx.siteUrl) throw new Error('the lighthouse bench needs the local stack with the storefront');
    const product = await medianScores(`${ctx.siteUrl}${PRODUCT_PATH}`, ctx.log);
    const home = await medianScores(`${ctx.siteUrl}/`, ctx.log);
    const figures: Record<string, number> = {};
    for (const [key, value] of Object.entries(product)) figures[`site.lighthouse.${key}`] = value;
    for (const [key, value] of Object.entries(home)) figures[`site.lighthouse.home.${key}`] = value;
    return figures;
  },
};
