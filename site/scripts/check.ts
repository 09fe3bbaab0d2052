/**
 * Builds nothing: runs the render check against the built storefront with Chromium, writes
 * screenshots and an axe report. `npx tsx site/scripts/check.ts [--no-db] [--out dir]`
 * Default uses DynamoDB Local with demo products; --no-db checks the "catalog unavailable" state.
 */
import { mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import { launchChromium } from '../../test/support/browser.ts';
import { checkHomePage } from '../test-support/render-check.ts';
import { startPreview } from './preview.ts';

const args = process.argv.slice(2);
const noDb = args.includes('--no-db');
const outIndex = args.indexOf('--out');
const out = outIndex >= 0 ? (args[outIndex + 1] ?? '/tmp/site-check') : '/tmp/site-check';
mkdirSync(out, { recursive: true });

const preview = await startPreview({ withDemoDb: !noDb });
const browser = await launchChromium();
let failed = false;
try {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));

  const report = await checkHomePage(page, preview.url, { expectProducts: !noDb });
  console.log('[check] render check passed:', report);

  requests.length = 0;
  const response = await page.goto(`${preview.url}/`);
  const html = (await response?.body()) ?? Buffer.alloc(0);
  console.log(
    `[check] home: ${requests.length} request(s), HTML+CSS ${(html.byteLength / 1024).toFixed(1)} KB raw, ` +
      `${(gzipSync(html).byteLength / 1024).toFixed(1)} KB gzip`,
  );
  const suffix = noDb ? '-nodb' : '';
  await page.screenshot({ path: `${out}/home${suffix}.png` });
  await page.screenshot({ path: `${out}/home-full${suffix}.png`, fullPage: true });
  for (const [name, path] of [
    ['en', '/en/'],
    ['category', '/?danh-muc=trai-cay'],
    ['404', '/khong-co'],
    ['404-en', '/en/khong-co'],
  ] as const) {
    await page.goto(`${preview.url}${path}`);
    await page.screenshot({ path: `${out}/${name}${suffix}.png` });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${preview.url}/`);
  await page.screenshot({ path: `${out}/home-desktop${suffix}.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  for (const path of ['/', '/en/', '/khong-co']) {
    await page.goto(`${preview.url}${path}`);
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
    console.log(`[check] axe ${path}: ${axe.violations.length} violation(s)`);
    for (const violation of axe.violations) {
      failed = true;
      console.log(`  - ${violation.id}: ${violation.help} (${violation.nodes.length})`);
      for (const node of violation.nodes.slice(0, 3)) console.log(`      ${node.target.join(' ')}`);
    }
  }
  console.log(`[check] screenshots in ${out}`);
} catch (error) {
  failed = true;
  console.error('[check] FAILED:', error);
} finally {
  await browser.close();
  await preview.close();
}
process.exit(failed ? 1 : 0);
