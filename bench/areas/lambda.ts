/**
 * Lambda figures from the bundles CDK deploys (same esbuild options: infra/aws/src/bundling.ts):
 * - `lambda.initMs.<handler>`: importing the bundled handler in a fresh node process (median of 5);
 * - `lambda.maxRssMb.<handler>`: peak resident memory of a process invoking it 1,000 times against
 *   the local stack's DynamoDB, compared with the memory CDK gives the function;
 * - `lambda.durationMs.<handler>`: mean invocation time in that loop (feeds the cost model);
 * - `api.overheadRatio`: p50 of GET product through its handler ÷ p50 of a direct GetItem.
 * It also writes docs/cost-model.md from these figures and the bundle sizes.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { handlerId, type RouteDefinition, routes } from '@chophien/functions';
import { build } from 'esbuild';
import { esbuildOptionsFor } from '../../infra/aws/src/bundling.ts';
import { lambdaMemoryMb } from '../../infra/aws/src/lambda-sizing.ts';
import { repoRoot } from '../../infra/local/src/config.ts';
import { type BenchArea, percentile } from '../contract.ts';

const handlers = [...new Set(routes.map((route) => route.handler))];
const routeOf = (handler: string) => routes.find((route) => route.handler === handler) as RouteDefinition;

const INVOKER = `
const [file, eventJson, countText] = process.argv.slice(1);
const t0 = performance.now();
const { handler } = await import(file);
const initMs = performance.now() - t0;
const count = Number(countText);
const base = JSON.parse(eventJson);
const started = performance.now();
for (let i = 0; i < count; i++) {
  const event = structuredClone(base);
  event.requestContext.requestId = 'bench-' + i;
  await handler(event, { awsRequestId: 'bench-' + i, getRemainingTimeInMillis: () => 10000 });
}
const loopMs = performance.now() - started;
process.stdout.write(JSON.stringify({ initMs, loopMs, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
`;

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
function runInvoker(file: string, event: unknown, count: number) {
  return new Promise<{ initMs: number; loopMs: number; maxRssMb: number }>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--input-type=module', '-e', INVOKER, file, JSON.stringify(event), String(count)],
      { env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'ERROR' }, stdio: ['ignore', 'pipe', 'pipe'] },
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
      else resolve(JSON.parse(stdout));
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

export const area: BenchArea = {
  name: 'lambda',
  needsStack: true,
  floors: {
    ...Object.fromEntries(
      handlers.map((handler) => [
        `lambda.maxRssMb.${handlerId(handler)}`,
        { op: '<=', value: lambdaMemoryMb } as const,
      ]),
    ),
    'api.overheadRatio': { op: '<=', value: 10 },
  },
  async run(ctx) {
    if (!ctx.apiUrl) throw new Error('lambda bench needs the local stack');
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

    const out = mkdtempSync(join(tmpdir(), 'chophien-bench-lambda-'));
    const results: Record<string, number> = {};
    const costRows: string[] = [];
    try {
      for (const handler of handlers) {
        const id = handlerId(handler);
        const outdir = join(out, id);
        await build({
          ...esbuildOptionsFor(join(repoRoot, 'functions', `${handler}.ts`), outdir),
          logLevel: 'error',
        });
        const file = join(outdir, 'index.mjs');
        const bundleKb = statSync(file).size / 1024;

        const inits: number[] = [];
        for (let i = 0; i < 5; i++)
          inits.push((await runInvoker(file, sampleEvent(routeOf(handler), undefined, 'x'), 0)).initMs);
        const route = routeOf(handler);
        const role = Array.isArray(route.auth) ? route.auth[0] : route.auth === 'any' ? 'buyer' : undefined;
        const token = role ? await tokenFor(role) : undefined;
        const loop = await runInvoker(file, sampleEvent(route, token, '01SEEDPRXDXX00000000000001'), 1000);
        const durationMs = loop.loopMs / 1000;
        results[`lambda.initMs.${id}`] = Number(percentile(inits, 50).toFixed(1));
        results[`lambda.maxRssMb.${id}`] = Math.round(loop.maxRssMb);
        results[`lambda.durationMs.${id}`] = Number(durationMs.toFixed(2));
        costRows.push(costRow(id, bundleKb, percentile(inits, 50), durationMs, loop.maxRssMb));
        ctx.log(
          `${id}: init ${percentile(inits, 50).toFixed(0)} ms, ${durationMs.toFixed(2)} ms/call, rss ${loop.maxRssMb.toFixed(0)} MB`,
        );
      }
      results['api.overheadRatio'] = await overheadRatio(ctx.apiUrl);
      writeCostModel(costRows);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
    return results;
  },
};

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

Built from the measured bundle sizes, cold-start import times and warm invocation durations of each handler
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

| handler | bundle KB | cold import ms | warm ms/call | peak RSS MB | Lambda compute $/M | total $/M |
|---|---|---|---|---|---|---|
${rows.join('\n')}

Memory: ${lambdaMemoryMb} MB per function (infra/aws/src/lambda-sizing.ts). The peak RSS column is the figure that
must fit; the rest of the allowance buys CPU (Lambda scales CPU with memory), which shortens cold starts.
Storage, CloudFront and S3 for the storefront are not per-request API costs and are left out.
`,
  );
}
