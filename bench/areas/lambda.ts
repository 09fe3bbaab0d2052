/**
 * Lambda figures, measured on the bundles the synthesized stacks deploy (infra/aws/cdk.out, after
 * `npm run synth`), found through each function's template resource (handler, environment, memory):
 * - `lambda.bundleKb.<handler>`: JavaScript loaded at cold start (index.mjs and the chunks it imports
 *   statically; chunks behind `await import()` are `lambda.lazyKb.<handler>`), source maps not counted;
 * - `lambda.initMs.<handler>`: CPU time (user + system) of importing the bundle in a fresh Node process
 *   with the function's NODE_OPTIONS, median of 7. CPU time, not wall time: this 2-core machine is shared,
 *   and importing is CPU-bound, as Lambda's init phase is; `lambda.initWallMs.<handler>` is the wall time;
 * - `lambda.maxRssMb.<handler>`: peak resident memory of a process invoking it 1,000 times against
 *   the local stack's DynamoDB, compared with the memory CDK gives the function;
 * - `lambda.durationMs.<handler>`: mean invocation time in that loop (feeds the cost model);
 * - `lambda.layerKb.sharp`: the sharp layer (native libvips for linux-arm64), for the `images` functions;
 * - `photo.<input>.ms` / `photo.<input>.peakRssMb`: the photo processor (sharp, as deployed) making the two
 *   storefront JPEGs from a 12 MP JPEG, a 6000×6000 PNG bomb (decoded with the cap lifted, to show the
 *   bound that the cap is not needed for) and a 3000 px WebP, each in a fresh process;
 * - `api.overheadRatio`: p50 of GET product through its handler ÷ p50 of a direct GetItem.
 * It also writes docs/cost-model.md from these figures.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { handlerId, type RouteDefinition, routes } from '@chophien/functions';
import { assetCodeBytes } from '../../infra/aws/src/bundling.ts';
import { lambdaMemoryMb } from '../../infra/aws/src/lambda-sizing.ts';
import { repoRoot } from '../../infra/local/src/config.ts';
import { type BenchArea, percentile } from '../contract.ts';

const routeOf = (handler: string) => routes.find((route) => route.handler === handler);

/** The goals (#16.5); the synth-time rule in bundling.ts is `handlerBundleLimits`. */
const GOAL = { bundleKb: 300, initMs: 100 };

const INIT = `
const c0 = process.cpuUsage();
const t0 = performance.now();
await import(process.argv[1]);
const wallMs = performance.now() - t0;
const cpu = process.cpuUsage(c0);
process.stdout.write(JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000, wallMs }));
`;

const INVOKER = `
const [file, eventJson, countText] = process.argv.slice(1);
const { handler } = await import(file);
const count = Number(countText);
const base = JSON.parse(eventJson);
const started = performance.now();
for (let i = 0; i < count; i++) {
  const event = structuredClone(base);
  event.requestContext.requestId = 'bench-' + i;
  await handler(event, { awsRequestId: 'bench-' + i, getRemainingTimeInMillis: () => 10000 });
}
const loopMs = performance.now() - started;
process.stdout.write(JSON.stringify({ loopMs, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
`;

/** A deployed function as the synthesized template describes it. */
interface DeployedFunction {
  readonly handler: string;
  readonly dir: string;
  readonly entry: string;
  readonly nodeOptions: string;
  readonly memoryMb: number;
  /** Uses the sharp layer (the `images` capability). */
  readonly sharpLayer: boolean;
}

/** Every function built from functions/<handler>.ts, from the templates in cdk.out. */
function deployedFunctions(cdkOut: string): DeployedFunction[] {
  const found = new Map<string, DeployedFunction>();
  for (const file of readdirSync(cdkOut).filter((name) => name.endsWith('.template.json'))) {
    const template = JSON.parse(readFileSync(join(cdkOut, file), 'utf8')) as {
      Resources: Record<
        string,
        { Type: string; Properties: Record<string, unknown>; Metadata?: Record<string, unknown> }
      >;
    };
    for (const resource of Object.values(template.Resources)) {
      if (resource.Type !== 'AWS::Lambda::Function') continue;
      const handler = /^chophien ([a-z-]+\/[a-z-]+)$/.exec(
        String(resource.Properties['Description'] ?? ''),
      )?.[1];
      const assetPath = resource.Metadata?.['aws:asset:path'];
      if (!handler || typeof assetPath !== 'string') continue;
      const dir = join(cdkOut, assetPath);
      const [module] = String(resource.Properties['Handler']).split('.');
      const variables = (
        resource.Properties['Environment'] as { Variables?: Record<string, unknown> } | undefined
      )?.Variables;
      const nodeOptions = typeof variables?.['NODE_OPTIONS'] === 'string' ? variables['NODE_OPTIONS'] : '';
      found.set(handler, {
        handler,
        dir,
        entry: join(dir, `${module}.mjs`),
        nodeOptions,
        memoryMb: Number(resource.Properties['MemorySize'] ?? 128),
        sharpLayer: JSON.stringify(resource.Properties['Layers'] ?? []).includes('SharpLayer'),
      });
    }
  }
  return [...found.values()].sort((a, b) => a.handler.localeCompare(b.handler));
}

function directorySize(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? directorySize(path) : statSync(path).size;
  }
  return total;
}

/** The layer reaches the handler through NODE_PATH on Lambda; here the workspace's own sharp stands in. */
const nodePathFor = (fn: DeployedFunction) => (fn.sharpLayer ? join(repoRoot, 'node_modules') : undefined);

function runInit(fn: DeployedFunction): { cpuMs: number; wallMs: number } {
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', INIT, fn.entry], {
    env: {
      ...process.env,
      NODE_OPTIONS: fn.nodeOptions,
      ...(nodePathFor(fn) ? { NODE_PATH: nodePathFor(fn) } : {}),
      POWERTOOLS_LOG_LEVEL: 'ERROR',
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.status !== 0) throw new Error(`importing ${fn.entry} failed: ${result.stderr.slice(-1000)}`);
  return JSON.parse(result.stdout) as { cpuMs: number; wallMs: number };
}

function sampleEvent(route: RouteDefinition, token: string | undefined, pathValue: string) {
  const path = route.path.replace(/\{\w+\+?\}/g, pathValue);
  const pathParameters = Object.fromEntries(
    [...route.path.matchAll(/\{(\w+)\+?\}/g)].map((match) => [match[1]!, pathValue]),
  );
  return {
    version: '2.0',
    routeKey: `${route.method} ${route.path}`,
    rawPath: path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(Object.keys(pathParameters).length > 0 ? { pathParameters } : {}),
    requestContext: {
      requestId: 'bench',
      http: { method: route.method, path },
      routeKey: `${route.method} ${route.path}`,
    },
    ...(route.method === 'GET' ? {} : { body: '{}' }),
    isBase64Encoded: false,
  };
}

/** Async on purpose: the invoked handler fetches the JWKS from the local stack served by this process. */
function runInvoker(fn: DeployedFunction, event: unknown, count: number) {
  const file = fn.entry;
  return new Promise<{ loopMs: number; maxRssMb: number }>((resolve, reject) => {
    const nodePath = nodePathFor(fn);
    const child = spawn(
      process.execPath,
      ['--input-type=module', '-e', INVOKER, file, JSON.stringify(event), String(count)],
      {
        env: {
          ...process.env,
          NODE_OPTIONS: fn.nodeOptions,
          ...(nodePath ? { NODE_PATH: nodePath } : {}),
          POWERTOOLS_LOG_LEVEL: 'ERROR',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 300_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) reject(new Error(`invoker failed for ${file}: ${stderr.slice(-1000)}`));
      else resolve(JSON.parse(stdout) as { loopMs: number; maxRssMb: number });
    });
  });
}

const roleTokenPhone: Record<string, string> = {
  farmer: '+84912000001',
  buyer: '+84987000001',
  vendor: '+84987000011',
  market_manager: '+84987000021',
  commune_officer: '+84987000031',
  admin: '+84987000041',
};

const routedHandlers = [...new Set(routes.map((route) => route.handler))];
const perHandler = (key: string, op: '<=' | '>=', value: number) =>
  Object.fromEntries(routedHandlers.map((handler) => [`lambda.${key}.${handlerId(handler)}`, { op, value }]));

export const area: BenchArea = {
  name: 'lambda',
  needsStack: true,
  floors: {
    ...perHandler('bundleKb', '<=', GOAL.bundleKb),
    ...perHandler('initMs', '<=', GOAL.initMs),
    ...perHandler('maxRssMb', '<=', lambdaMemoryMb),
    'api.overheadRatio': { op: '<=', value: 10 },
  },
  async run(ctx) {
    if (!ctx.apiUrl) throw new Error('lambda bench needs the local stack');
    // The deployed bundles: synth reuses every asset whose inputs are unchanged, so this is quick when current.
    const synth = spawnSync('npm', ['run', 'synth'], { cwd: repoRoot, encoding: 'utf8' });
    if (synth.status !== 0) throw new Error(`npm run synth failed: ${synth.stderr.slice(-2000)}`);
    const cdkOut = join(repoRoot, 'infra', 'aws', 'cdk.out');
    const functions = deployedFunctions(cdkOut);
    const missing = routedHandlers.filter((handler) => !functions.some((fn) => fn.handler === handler));
    if (missing.length > 0) throw new Error(`no synthesized function for ${missing.join(', ')}`);

    const tokens = new Map<string, string>();
    const tokenFor = async (role: string) => {
      if (!tokens.has(role)) {
        const response = await fetch(`${ctx.apiUrl}/dev/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ phone: roleTokenPhone[role] }),
        });
        tokens.set(role, ((await response.json()) as { token: string }).token);
      }
      return tokens.get(role)!;
    };

    const results: Record<string, number> = {};
    const costRows: string[] = [];
    for (const fn of functions) {
      const id = handlerId(fn.handler);
      const { initBytes, lazyBytes } = assetCodeBytes(fn.dir, basename(fn.entry));
      const inits = Array.from({ length: 7 }, () => runInit(fn));
      const cpuMs = percentile(
        inits.map((run) => run.cpuMs),
        50,
      );
      const wallMs = percentile(
        inits.map((run) => run.wallMs),
        50,
      );
      results[`lambda.bundleKb.${id}`] = Math.round((initBytes / 1024) * 10) / 10;
      results[`lambda.lazyKb.${id}`] = Math.round((lazyBytes / 1024) * 10) / 10;
      results[`lambda.initMs.${id}`] = Number(cpuMs.toFixed(1));
      results[`lambda.initWallMs.${id}`] = Number(wallMs.toFixed(1));
      const route = routeOf(fn.handler);
      if (!route) {
        ctx.log(
          `${id}: ${(initBytes / 1024).toFixed(0)} KB at init, init ${cpuMs.toFixed(0)} ms CPU (not an HTTP route)`,
        );
        continue;
      }
      const role = Array.isArray(route.auth) ? route.auth[0] : route.auth === 'any' ? 'buyer' : undefined;
      const token = role ? await tokenFor(role) : undefined;
      const loop = await runInvoker(fn, sampleEvent(route, token, '01SEEDPRXDXX00000000000001'), 1000);
      const durationMs = loop.loopMs / 1000;
      results[`lambda.maxRssMb.${id}`] = Math.round(loop.maxRssMb);
      results[`lambda.durationMs.${id}`] = Number(durationMs.toFixed(2));
      costRows.push(costRow(id, initBytes / 1024, cpuMs, durationMs, loop.maxRssMb));
      ctx.log(
        `${id}: ${(initBytes / 1024).toFixed(0)} KB at init (+${(lazyBytes / 1024).toFixed(0)} KB lazy), init ${cpuMs.toFixed(0)} ms CPU / ${wallMs.toFixed(0)} ms wall, ${durationMs.toFixed(2)} ms/call, rss ${loop.maxRssMb.toFixed(0)} MB`,
      );
    }
    const layers = join(repoRoot, 'infra', 'aws', 'dist', 'layers');
    const sharpLayer = existsSync(layers)
      ? readdirSync(layers).find((name) => name.startsWith('sharp-'))
      : undefined;
    if (sharpLayer)
      results['lambda.layerKb.sharp'] = Math.round(directorySize(join(layers, sharpLayer)) / 1024);
    Object.assign(results, await photoFigures(ctx.log));
    results['api.overheadRatio'] = await overheadRatio(ctx.apiUrl);
    writeCostModel(costRows);
    return results;
  },
};

const PHOTO_RUN = `
const [file] = process.argv.slice(1);
const { readFileSync } = await import('node:fs');
const { sharpPhotoProcessor } = await import(${JSON.stringify(join(repoRoot, 'functions', 'marketplace', 'photos', 'sharp-processor.ts'))});
const bytes = new Uint8Array(readFileSync(file));
const started = performance.now();
// The cap lifted to 50 MP so the bomb is decoded: this measures what decoding it would cost.
const photo = await sharpPhotoProcessor({ maxPixels: 50_000_000 }).decode(bytes);
for (const width of [320, 800]) await photo.toJpeg(width, 78);
const ms = performance.now() - started;
process.stdout.write(JSON.stringify({ ms, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
`;

/** The three inputs of decision 0321, made with sharp, each processed in a fresh process. */
async function photoFigures(log: (message: string) => void): Promise<Record<string, number>> {
  const { default: sharp } = await import('sharp');
  const dir = mkdtempSync(join(tmpdir(), 'chophien-bench-photo-'));
  try {
    const noise = await sharp({
      create: {
        width: 4000,
        height: 3000,
        channels: 3,
        background: '#6a8f3c',
        noise: { type: 'gaussian', mean: 120, sigma: 40 },
      },
    })
      .blur(1.2)
      .raw()
      .toBuffer();
    const raw = { raw: { width: 4000, height: 3000, channels: 3 as const } };
    const inputs: Record<string, Buffer> = {
      jpeg12mp: await sharp(noise, raw).jpeg({ quality: 85 }).toBuffer(),
      pngBomb36mp: await sharp({ create: { width: 6000, height: 6000, channels: 3, background: '#ffffff' } })
        .png({ compressionLevel: 9 })
        .toBuffer(),
      webp3000: await sharp(noise, raw).resize(3000).webp({ quality: 80 }).toBuffer(),
    };
    const figures: Record<string, number> = {};
    for (const [name, bytes] of Object.entries(inputs)) {
      const file = join(dir, name);
      writeFileSync(file, bytes);
      const result = spawnSync(
        process.execPath,
        ['--import', 'tsx', '--input-type=module', '-e', PHOTO_RUN, file],
        {
          cwd: repoRoot,
          encoding: 'utf8',
          timeout: 120_000,
        },
      );
      if (result.status !== 0) throw new Error(`photo ${name} failed: ${result.stderr.slice(-1000)}`);
      const { ms, peakRssMb } = JSON.parse(result.stdout) as { ms: number; peakRssMb: number };
      figures[`photo.${name}.ms`] = Math.round(ms);
      figures[`photo.${name}.peakRssMb`] = Math.round(peakRssMb);
      figures[`photo.${name}.inputKb`] = Math.round(bytes.length / 1024);
      log(
        `photo ${name} (${Math.round(bytes.length / 1024)} KB): ${Math.round(ms)} ms, peak RSS ${Math.round(peakRssMb)} MB`,
      );
    }
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** GET product through the whole API vs. the same item read straight from DynamoDB Local. */
async function overheadRatio(apiUrl: string): Promise<number> {
  const productRoute = routes.find(
    (route) => route.method === 'GET' && /^\/products\/\{\w+\}$/.test(route.path),
  );
  const { createDb, productKey } = await import('@chophien/db');
  const { GetCommand } = await import('@aws-sdk/lib-dynamodb');
  const db = createDb();
  const id = '01SEEDPRXDXX00000000000001';
  const direct: number[] = [];
  const viaApi: number[] = [];
  const path = productRoute ? productRoute.path.replace(/\{\w+\}/, id) : '/health';
  for (let i = 0; i < 400; i++) {
    let t = performance.now();
    await db.doc.send(new GetCommand({ TableName: db.tableName, Key: productKey(id) }));
    if (i >= 50) direct.push(performance.now() - t);
    t = performance.now();
    await (await fetch(`${apiUrl}${path}`)).arrayBuffer();
    if (i >= 50) viaApi.push(performance.now() - t);
  }
  db.raw.destroy();
  return Number((percentile(viaApi, 50) / percentile(direct, 50)).toFixed(2));
}

// Public list prices (USD), arm64, us-east-1 as the reference region; ap-southeast-1 is within ~10%.
const PRICE = {
  lambdaRequestPerMillion: 0.2,
  lambdaGbSecond: 0.0000133334,
  httpApiPerMillion: 1.0,
  dynamoReadPerMillion: 0.125,
  dynamoWritePerMillion: 0.625,
  logsPerGb: 0.5,
};

function costRow(id: string, bundleKb: number, initMs: number, durationMs: number, rssMb: number): string {
  const gbSeconds = (lambdaMemoryMb / 1024) * (durationMs / 1000) * 1_000_000;
  const compute = gbSeconds * PRICE.lambdaGbSecond;
  const total =
    compute +
    PRICE.lambdaRequestPerMillion +
    PRICE.httpApiPerMillion +
    PRICE.dynamoReadPerMillion +
    0.5 * PRICE.logsPerGb;
  return `| ${id} | ${bundleKb.toFixed(0)} | ${initMs.toFixed(0)} | ${durationMs.toFixed(2)} | ${rssMb.toFixed(0)} | ${compute.toFixed(3)} | ${total.toFixed(2)} |`;
}

function writeCostModel(rows: string[]) {
  writeFileSync(
    join(repoRoot, 'docs', 'cost-model.md'),
    `# Cost model per million API requests (generated by \`npm run bench\`)

Built from the measured bundle sizes (JavaScript loaded at cold start), cold-start import CPU times and warm invocation durations of each handler
(bench/areas/lambda.ts, local machine: 2 cores; Lambda arm64 at ${lambdaMemoryMb} MB is roughly comparable to
one of these cores). Prices: public list prices in USD for arm64 in us-east-1 (ap-southeast-1 is within about
10%): Lambda $${PRICE.lambdaRequestPerMillion}/M requests + $${PRICE.lambdaGbSecond}/GB-s, HTTP API
$${PRICE.httpApiPerMillion}/M, DynamoDB on-demand $${PRICE.dynamoReadPerMillion}/M read units and
$${PRICE.dynamoWritePerMillion}/M write units, CloudWatch Logs $${PRICE.logsPerGb}/GB (≈ 0.5 KB of JSON log per
request → 0.5 GB per million).

The warm loop sends each route a fixed sample request: GET routes read real seeded items, but mutating
routes get an empty body and answer 400 after validation, so their "warm ms/call" is the validation path, not a
write (a write adds roughly one DynamoDB round trip, 5–20 ms). "Total" assumes one read unit per request and no writes; a write-heavy route adds $${PRICE.dynamoWritePerMillion}
per million write units. Cold starts add their import time once per new container; at steady traffic they are a
small share of invocations.

| handler | init KB | cold import CPU ms | warm ms/call | peak RSS MB | Lambda compute $/M | total $/M |
|---|---|---|---|---|---|---|
${rows.join('\n')}

Memory: ${lambdaMemoryMb} MB per function (infra/aws/src/lambda-sizing.ts). The peak RSS column is the figure that
must fit; the rest of the allowance buys CPU (Lambda scales CPU with memory), which shortens cold starts.
Storage, CloudFront and S3 for the storefront are not per-request API costs and are left out.
`,
  );
}
