// @ts-check
import node from '@astrojs/node';
import { defineConfig } from 'astro/config';

/**
 * Default: @astrojs/node in middleware mode, so the local runtime (infra/local) mounts the
 * storefront inside its one Node process: `import { handler } from 'site/dist/server/entry.mjs'`.
 * ASTRO_ADAPTER=aws: astro-sst builds the Lambda handler for the CDK site stack.
 */
const adapterName = process.env.ASTRO_ADAPTER ?? 'node';

async function adapter() {
  if (adapterName === 'aws') {
    const { default: aws } = await import('astro-sst');
    return aws();
  }
  if (adapterName !== 'node') throw new Error(`ASTRO_ADAPTER must be "node" or "aws", got "${adapterName}"`);
  return node({ mode: 'middleware' });
}

export default defineConfig({
  site: process.env.SITE_URL ?? 'http://localhost:3000',
  output: 'server',
  adapter: await adapter(),
  trailingSlash: 'ignore',
  // One tiny stylesheet, inlined: no extra round trip on 3G, no static asset the host must serve.
  build: { inlineStylesheets: 'always' },
  compressHTML: true,
  devToolbar: { enabled: false },
  security: { checkOrigin: true },
  vite: {
    // Workspace packages ship TypeScript source; vite compiles them into the server bundle.
    // zod is bundled too: the packages need zod 4 (their own node_modules), while the copy that
    // Node would find from site/dist is astro's zod 3.
    ssr: { noExternal: [/^@chophien\//, 'zod'] },
  },
});
