import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './config.ts';
import { LocalRuntimeError } from './dynamodb-local.ts';
import { serveStatic } from './static-files.ts';

type NodeMiddleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

const siteDir = join(repoRoot, 'site');
/** Where the build goes: site/dist, or CHOPHIEN_SITE_OUT (relative to site/, e.g. dist-h1) so parallel workers don't overwrite each other; it must stay inside the repo for node_modules resolution. */
const outDir = resolve(siteDir, process.env.CHOPHIEN_SITE_OUT ?? 'dist');
const stampPath = join(outDir, '.source-hash');

/** Everything the server bundle is built from; a change anywhere here means a rebuild. */
function sourceHash(): string {
  const hash = createHash('sha256');
  const roots = [join(siteDir, 'src'), join(siteDir, 'public'), join(repoRoot, 'packages')];
  const visit = (path: string) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      if (/node_modules|dist|test$/.test(path)) return;
      for (const name of readdirSync(path).sort()) visit(join(path, name));
      return;
    }
    hash.update(relative(repoRoot, path)).update(readFileSync(path));
  };
  for (const root of roots) visit(root);
  for (const file of ['astro.config.mjs', 'package.json']) visit(join(siteDir, file));
  return hash.digest('hex');
}

/** Builds the storefront when its sources changed since the last build (a restart is then instant). */
export function ensureSiteBuilt(log: (line: string) => void): void {
  const wanted = sourceHash();
  const entry = join(outDir, 'server', 'entry.mjs');
  if (existsSync(entry) && existsSync(stampPath) && readFileSync(stampPath, 'utf8') === wanted) return;
  log('Đang dựng giao diện cửa hàng (Astro build)… / Building the storefront…');
  const result = spawnSync(process.execPath, [join(repoRoot, 'node_modules/astro/astro.js'), 'build'], {
    cwd: siteDir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', CHOPHIEN_SITE_OUT: outDir },
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new LocalRuntimeError(
      `Storefront build failed: ${(result.stderr || result.stdout).trim().split('\n').slice(-5).join(' | ')}`,
    );
  }
  writeFileSync(stampPath, wanted);
}

/** The built storefront (@astrojs/node in middleware mode) served in this same process. */
export async function startSiteServer(options: { host: string; port: number }): Promise<Server> {
  const entry = join(outDir, 'server', 'entry.mjs');
  const { handler } = (await import(pathToFileURL(entry).href)) as { handler: NodeMiddleware };
  const clientDir = join(outDir, 'client');
  const server = createServer((req, res) => {
    if (serveStatic(clientDir, req, res)) return;
    handler(req, res, (error) => {
      if (res.headersSent) return res.end();
      res.writeHead(error ? 500 : 404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(error ? 'Lỗi máy chủ' : 'Không tìm thấy trang');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return server;
}
