/**
 * `npm run smoke -- --url https://<brand domain or *.cloudfront.net> [--api https://<id>.execute-api…]`
 * Prints one line per check and `N passed, N failed`; exits 1 on any failure. See docs/deploy.md.
 */
import { parseArgs } from 'node:util';
import { runSmoke } from './checks.ts';

const { values } = parseArgs({
  options: { url: { type: 'string' }, api: { type: 'string' } },
  strict: true,
});
if (!values.url || !URL.canParse(values.url) || (values.api && !URL.canParse(values.api))) {
  console.error(
    'Cách dùng / usage: npm run smoke -- --url https://<cửa hàng / storefront> [--api https://<API>]',
  );
  process.exit(2);
}
const results = await runSmoke({ url: values.url, ...(values.api ? { api: values.api } : {}) });
for (const result of results) {
  console.log(`${result.ok ? '✓' : '✗'} ${result.name}${result.detail ? `: ${result.detail}` : ''}`);
}
const failed = results.filter((result) => !result.ok).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
