/**
 * `npm run bench`: every area's benchmarks in one run → bench/results.json (flat keys) and BENCHMARKS.md.
 * Areas that need the platform get one local stack (DynamoDB Local in memory, API, storefront) on free ports.
 * `npm run bench -- vietqr gs1` runs only the named areas (and merges into the existing results).
 */
import './env.ts';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readLocalConfig, repoRoot } from '../infra/local/src/config.ts';
import { freePort } from '../infra/local/src/ports.ts';
import { type LocalStack, startLocalStack } from '../infra/local/src/stack.ts';
import type { BenchArea, Floor } from './contract.ts';

const benchDir = join(repoRoot, 'bench');
const resultsPath = join(benchDir, 'results.json');
const only = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));

async function loadAreas(): Promise<BenchArea[]> {
  const files = readdirSync(join(benchDir, 'areas'))
    .filter((name) => name.endsWith('.ts'))
    .sort();
  const areas: BenchArea[] = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(join(benchDir, 'areas', file)).href)) as { area?: BenchArea };
    if (module.area && (only.length === 0 || only.includes(module.area.name))) areas.push(module.area);
  }
  return areas;
}

const log = (message: string) => console.log(`[bench] ${message}`);

function meets(value: number, floor: Floor): boolean {
  if (floor.op === '>=') return value >= floor.value;
  if (floor.op === '<=') return value <= floor.value;
  return value === floor.value;
}

const areas = await loadAreas();
// The machine may be shared: its load when the run began is printed beside the figures.
const loadAtStart = loadavg()[0] ?? 0;
const results: Record<string, number> =
  only.length > 0 && existsSync(resultsPath)
    ? (JSON.parse(readFileSync(resultsPath, 'utf8')).results ?? {})
    : {};
const floors: Record<string, Floor> = {};
const failures: string[] = [];

let stack: LocalStack | undefined;
try {
  if (areas.some((area) => area.needsStack)) {
    const config = {
      ...readLocalConfig({}),
      apiPort: await freePort(),
      sitePort: await freePort(),
      dynamoDbPort: await freePort(),
      tableName: 'chophien_bench',
    };
    // Schedules stay off: an area that measures a scheduled job runs it itself, and a timer firing
    // mid-measurement would skew the others. 100,000 listings in memory need a larger DynamoDB heap.
    stack = await startLocalStack(config, {
      inMemory: true,
      log,
      withSchedules: false,
      dynamoDbHeapMb: 1536,
    });
  }
  for (const area of areas) {
    log(`${area.name}…`);
    const started = performance.now();
    try {
      const figures = await area.run({
        log: (message) => log(`${area.name}: ${message}`),
        ...(area.needsStack && stack ? { apiUrl: stack.apiUrl, siteUrl: stack.siteUrl } : {}),
      });
      Object.assign(results, figures);
      Object.assign(floors, area.floors);
      log(`${area.name} done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    } catch (error) {
      failures.push(`${area.name}: ${(error as Error).message}`);
      log(`${area.name} FAILED: ${(error as Error).stack}`);
    }
  }
} finally {
  await stack?.stop();
}

const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  freeMemoryGiB: Math.round(freemem() / 2 ** 30),
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  loadAverageAtStart: Number(loadAtStart.toFixed(1)),
};
const date = new Date().toISOString();
const sorted = Object.fromEntries(Object.entries(results).sort(([a], [b]) => a.localeCompare(b)));
writeFileSync(resultsPath, `${JSON.stringify({ date, machine, results: sorted }, null, 2)}\n`);

const allFloors: Record<string, Floor> = {};
for (const area of await loadAreasForFloors()) Object.assign(allFloors, area.floors);
Object.assign(allFloors, floors);

async function loadAreasForFloors(): Promise<BenchArea[]> {
  const files = readdirSync(join(benchDir, 'areas')).filter((name) => name.endsWith('.ts'));
  const all: BenchArea[] = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(join(benchDir, 'areas', file)).href)) as { area?: BenchArea };
    if (module.area) all.push(module.area);
  }
  return all;
}

const rows = Object.entries(sorted).map(([key, value]) => {
  const floor = allFloors[key];
  const verdict = floor ? (meets(value, floor) ? 'met' : '**not met**') : '';
  return `| \`${key}\` | ${Number.isInteger(value) ? value : value.toFixed(2)} | ${floor ? `${floor.op} ${floor.value}` : ''} | ${verdict} |`;
});
const missingFloors = Object.keys(allFloors).filter((key) => !(key in sorted));
const markdown = `# Benchmarks

Written by \`npm run bench\` (bench/run.ts) on ${date}.

Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB RAM, Node ${machine.node}, ${machine.platform}.
${loadAtStart > machine.cores ? `\n**Noisy:** the load average was ${machine.loadAverageAtStart} on ${machine.cores} cores when this run began (a shared machine): timings and throughputs below are lower bounds of what the code does on a quiet one; counts (credits, units, bytes) are not affected.\n` : ''}
| figure | value | floor | |
|---|---|---|---|
${rows.join('\n')}
${missingFloors.length > 0 ? `\nFloors without a figure in this run: ${missingFloors.map((key) => `\`${key}\``).join(', ')}.\n` : ''}${failures.length > 0 ? `\nAreas that failed in this run:\n${failures.map((failure) => `- ${failure}`).join('\n')}\n` : ''}
How each figure is measured is written beside its code in \`bench/areas/<area>.ts\`; the cost model is in
\`docs/cost-model.md\` when present.
`;
writeFileSync(join(repoRoot, 'BENCHMARKS.md'), markdown);
log(`wrote bench/results.json (${Object.keys(sorted).length} figures) and BENCHMARKS.md`);
if (failures.length > 0) process.exitCode = 1;
