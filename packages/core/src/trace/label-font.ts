import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * DejaVu Sans (dejavu-fonts-ttf): full Vietnamese coverage (precomposed Ư, ơ, ạ, ễ…), free licence, and a
 * TrueType file fontkit can subset, so a sheet embeds only the glyphs it prints.
 */
const FONT_MODULE = 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf';

let cached: Promise<Uint8Array> | undefined;

async function load(): Promise<Uint8Array> {
  // In the Lambda bundle, esbuild's `file` loader (infra/aws/src/bundling.ts: loader .ttf → file) copies
  // the font beside index.mjs and this import yields its path relative to the bundle.
  try {
    const bundled = (await import('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')).default;
    const path = new URL(bundled, import.meta.url);
    if (path.protocol === 'file:' && existsSync(path)) return readFileSync(path);
  } catch {
    // Running from sources (tests, the local runtime): Node has no loader for .ttf; use the package file.
  }
  // A bundle built another way (the storefront's server, bundled by Vite first) may ship the file beside it.
  const beside = new URL('./DejaVuSans.ttf', import.meta.url);
  if (beside.protocol === 'file:' && existsSync(beside)) return readFileSync(beside);
  return readFileSync(createRequire(import.meta.url).resolve(FONT_MODULE));
}

/** The label font's bytes, read once per process. */
export function labelFontBytes(): Promise<Uint8Array> {
  cached ??= load().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}
