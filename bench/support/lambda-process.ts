/**
 * A bundled handler run the way Lambda runs it: a fresh Node process with the function's NODE_OPTIONS and
 * the heap limits the Lambda Node.js runtime derives from the function's memory (its bootstrap gives the new
 * space a tenth of the memory, as two semi-spaces, and the old space the rest), invoked with real events.
 */
import { spawn } from 'node:child_process';

export const lambdaHeapFlags = (memoryMb: number): string[] => [
  `--max-semi-space-size=${Math.floor(memoryMb / 20)}`,
  `--max-old-space-size=${memoryMb - Math.floor(memoryMb / 10)}`,
];

const INVOKER = `
const input = JSON.parse(await new Response(process.stdin).text());
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const module = await import(input.file);
const handler = module[input.exportName ?? 'handler'];
const importMs = performance.now() - t0;
const importCpu = process.cpuUsage(cpu0);
const durations = [];
const statuses = {};
let n = 0;
for (let round = 0; round < (input.repeat ?? 1); round++) {
  for (const base of input.events) {
    const event = structuredClone(base);
    if (event.requestContext) event.requestContext.requestId = 'bench-' + n;
    const started = performance.now();
    const result = await handler(event, { awsRequestId: 'bench-' + n, getRemainingTimeInMillis: () => 10000 });
    durations.push(performance.now() - started);
    const status = String(result?.statusCode ?? 'none');
    statuses[status] = (statuses[status] ?? 0) + 1;
    n++;
  }
}
const cpu = process.cpuUsage(cpu0);
process.stdout.write(JSON.stringify({
  importMs,
  importCpuMs: (importCpu.user + importCpu.system) / 1000,
  cpuMs: (cpu.user + cpu.system) / 1000,
  durations,
  statuses,
  maxRssMb: process.resourceUsage().maxRSS / 1024,
}));
`;

export interface InvocationRun {
  /** Importing the bundle (the init phase), wall and CPU. */
  readonly importMs: number;
  readonly importCpuMs: number;
  /** CPU of the whole process: import and every invocation. */
  readonly cpuMs: number;
  /** Wall time of each invocation, in order (the first is the cold one). */
  readonly durations: readonly number[];
  readonly statuses: Readonly<Record<string, number>>;
  readonly maxRssMb: number;
}

/** Async on purpose: handlers may call back into servers this process runs (the local stack's JWKS). */
export function invokeBundle(options: {
  entry: string;
  memoryMb: number;
  events: readonly unknown[];
  repeat?: number;
  exportName?: string;
  nodeOptions?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}): Promise<InvocationRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...lambdaHeapFlags(options.memoryMb), '--input-type=module', '-e', INVOKER],
      {
        env: {
          ...process.env,
          ...options.env,
          NODE_OPTIONS: options.nodeOptions ?? '',
          AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(options.memoryMb),
          POWERTOOLS_LOG_LEVEL: 'ERROR',
        },
        stdio: ['pipe', 'pipe', 'pipe'],
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
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 300_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) reject(new Error(`invoking ${options.entry} failed (${code}): ${stderr.slice(-1500)}`));
      else resolve(JSON.parse(stdout) as InvocationRun);
    });
    child.stdin.end(
      JSON.stringify({
        file: options.entry,
        events: options.events,
        repeat: options.repeat,
        exportName: options.exportName,
      }),
    );
  });
}

/** An API Gateway HTTP API (payload 2.0) event for a route, as the local stand-in builds it. */
export function httpApiEvent(input: {
  method: string;
  routePath: string;
  path: string;
  pathParameters?: Record<string, string>;
  query?: Record<string, string>;
  body?: string;
  headers?: Record<string, string>;
}) {
  const rawQueryString = new URLSearchParams(input.query ?? {}).toString();
  return {
    version: '2.0',
    routeKey: `${input.method} ${input.routePath}`,
    rawPath: input.path,
    rawQueryString,
    headers: { 'content-type': 'application/json', ...input.headers },
    ...(input.query && Object.keys(input.query).length > 0 ? { queryStringParameters: input.query } : {}),
    ...(input.pathParameters ? { pathParameters: input.pathParameters } : {}),
    requestContext: {
      requestId: 'bench',
      http: { method: input.method, path: input.path },
      routeKey: `${input.method} ${input.routePath}`,
    },
    ...(input.body !== undefined ? { body: input.body } : {}),
    isBase64Encoded: false,
  };
}
