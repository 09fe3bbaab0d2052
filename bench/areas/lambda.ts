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
 * - `api.overheadRatio`: p50 of GET product through its bundled handler ÷ p50 of a bare GetItem of the
 *   same item, in one process as Lambda runs it (`api.overheadCpuRatio`: the same for CPU time);
 *   `api.localApiP50Ms` is the same request through the local API server (its HTTP hop included).
 * It also writes docs/cost-model.md from these figures.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { handlerId, type RouteDefinition, routes } from '@chophien/functions';
import { assetCodeBytes } from '../../infra/aws/src/bundling.ts';
import { lambdaMemoryMb } from '../../infra/aws/src/lambda-sizing.ts';
import { repoRoot } from '../../infra/local/src/config.ts';
import { type BenchArea, percentile } from '../contract.ts';
import { invokeBundle, lambdaHeapFlags } from '../support/lambda-process.ts';
import { PRICE, provinceSection } from '../support/province-cost.ts';

const routeOf = (handler: string) => routes.find((route) => route.handler === handler);

/** The issue's goals (#16.5); the synth-time rule in bundling.ts is `handlerBundleLimits`. */
const GOAL = { bundleKb: 300, initMs: 100 };

const INIT = `
const c0 = process.cpuUsage();
const t0 = performance.now();
await import(process.argv[1]);
const wallMs = performance.now() - t0;
const cpu = process.cpuUsage(c0);
process.stdout.write(JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000, wallMs }));
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
    ...perHandler('maxRssMb', '<=', 128),
    'api.overheadRatio': { op: '<=', value: 1.2 },
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
      // Peak memory under the heap limits Lambda sets for 128 MB: what must fit for 128 MB to be possible.
      const nodePath = nodePathFor(fn);
      const loop = await invokeBundle({
        entry: fn.entry,
        memoryMb: 128,
        nodeOptions: fn.nodeOptions,
        ...(nodePath ? { env: { NODE_PATH: nodePath } } : {}),
        events: [sampleEvent(route, token, '01SEEDPRXDXX00000000000001')],
        repeat: 1000,
      });
      const durationMs = loop.durations.reduce((sum, ms) => sum + ms, 0) / loop.durations.length;
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
    Object.assign(results, await overheadRatio(ctx.apiUrl, functions));
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

/**
 * The handler's own cost, as Lambda runs it: in one fresh process, GET /products/{id} through the bundled
 * handler (middy, auth, zod, use-case, JSON) and the same item read by a bare DocumentClient GetItem,
 * alternately, 400 times each after a warm-up; the ratio of their medians (and of their CPU time).
 */
const OVERHEAD = `
const input = JSON.parse(await new Response(process.stdin).text());
const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient, GetCommand } = await import('@aws-sdk/lib-dynamodb');
const doc = DynamoDBDocumentClient.from(
  new DynamoDBClient({ endpoint: process.env.DYNAMODB_ENDPOINT, region: 'ap-southeast-1', maxAttempts: 3,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
  { marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false } },
);
const { handler } = await import(input.file);
const direct = [], viaHandler = [];
let directCpu = 0, handlerCpu = 0;
for (let i = 0; i < 450; i++) {
  let c = process.cpuUsage(); let t = performance.now();
  await doc.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: input.key }));
  if (i >= 50) { direct.push(performance.now() - t); const u = process.cpuUsage(c); directCpu += u.user + u.system; }
  c = process.cpuUsage(); t = performance.now();
  const result = await handler(structuredClone(input.event), { awsRequestId: 'bench-' + i });
  if (result.statusCode !== 200) throw new Error('GET product answered ' + result.statusCode);
  if (i >= 50) { viaHandler.push(performance.now() - t); const u = process.cpuUsage(c); handlerCpu += u.user + u.system; }
}
const median = (a) => a.sort((x, y) => x - y)[Math.floor(a.length / 2)];
process.stdout.write(JSON.stringify({ direct: median(direct), handler: median(viaHandler), directCpu, handlerCpu }));
`;

async function overheadRatio(apiUrl: string, functions: readonly DeployedFunction[]) {
  const productRoute = routes.find(
    (route) => route.method === 'GET' && /^\/products\/\{\w+\}$/.test(route.path),
  );
  const fn = functions.find((candidate) => candidate.handler === productRoute?.handler);
  if (!productRoute || !fn) throw new Error('no GET /products/{id} function to measure');
  const { productKey } = await import('@chophien/db');
  const id = '01SEEDPRXDXX00000000000001';
  const path = productRoute.path.replace(/\{\w+\}/, id);
  const event = {
    ...sampleEvent(productRoute, undefined, id),
    rawPath: path,
    requestContext: {
      requestId: 'bench',
      http: { method: 'GET', path },
      routeKey: `GET ${productRoute.path}`,
    },
  };
  const result = spawnSync(
    process.execPath,
    [...lambdaHeapFlags(fn.memoryMb), '--input-type=module', '-e', OVERHEAD],
    {
      cwd: repoRoot,
      input: JSON.stringify({ file: fn.entry, key: productKey(id), event }),
      env: { ...process.env, NODE_OPTIONS: fn.nodeOptions, POWERTOOLS_LOG_LEVEL: 'WARN' },
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  if (result.status !== 0) throw new Error(`overhead run failed: ${result.stderr.slice(-1000)}`);
  const run = JSON.parse(result.stdout) as {
    direct: number;
    handler: number;
    directCpu: number;
    handlerCpu: number;
  };

  // The local stand-in for API Gateway adds an HTTP hop (server and client) that Lambda does not pay.
  const viaApi: number[] = [];
  for (let i = 0; i < 250; i++) {
    const t = performance.now();
    await (await fetch(`${apiUrl}${path}`)).arrayBuffer();
    if (i >= 50) viaApi.push(performance.now() - t);
  }
  return {
    'api.overheadRatio': Number((run.handler / run.direct).toFixed(2)),
    'api.overheadCpuRatio': Number((run.handlerCpu / run.directCpu).toFixed(2)),
    'api.getItemP50Ms': Number(run.direct.toFixed(2)),
    'api.handlerP50Ms': Number(run.handler.toFixed(2)),
    'api.localApiP50Ms': Number(percentile(viaApi, 50).toFixed(2)),
  };
}

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
  // The province area's section (measured whole-morning costs) is its own; keep it.
  const section = provinceSection();
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
${section ? `\n${section}\n` : ''}`,
  );
}
