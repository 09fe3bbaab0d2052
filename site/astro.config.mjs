// @ts-check
import node from '@astrojs/node';
import { defineConfig, passthroughImageService } from 'astro/config';

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

function allowedDomains() {
  const hosts = new Set(['localhost', '127.0.0.1']);
  for (const url of [process.env.SITE_URL, process.env.SITE_DOMAIN && `https://${process.env.SITE_DOMAIN}`]) {
    if (url) hosts.add(new URL(url).hostname);
  }
  return [...hosts].map((hostname) => ({ hostname }));
}

export default defineConfig({
  // CHOPHIEN_SITE_OUT lets parallel workers build side by side (infra/local/src/site.ts passes it on).
  outDir: process.env.CHOPHIEN_SITE_OUT ?? './dist',
  // Build-time default for canonical URLs; pages prefer SITE_URL from the runtime env (src/lib/site-url.ts).
  site: process.env.SITE_URL ?? 'http://localhost:4321',
  output: 'server',
  adapter: await adapter(),
  trailingSlash: 'ignore',
  // One tiny stylesheet, inlined: no extra round trip on 3G, no static asset the host must serve.
  build: { inlineStylesheets: 'always' },
  compressHTML: true,
  devToolbar: { enabled: false },
  // No server-side image processing (and no sharp in the server bundle); product photos are served as-is.
  image: { service: passthroughImageService() },
  // Form posts are checked against the request's origin; Astro trusts the Host header only for these
  // domains (otherwise it assumes "localhost" and refuses every same-site POST from 127.0.0.1 or the CDN).
  security: { checkOrigin: true, allowedDomains: allowedDomains() },
  vite: {
    // Workspace packages ship TypeScript source; vite compiles them into the server bundle.
    // zod is bundled too: the packages need zod 4 (their own node_modules), while the copy that
    // Node would find from site/dist is astro's zod 3.
    ssr: { noExternal: [/^@chophien\//, 'zod'] },
  },
});
