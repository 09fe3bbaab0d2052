/**
 * A Lambda function of the assembly run as Lambda runs it: its bundle from `cdk.out`, its handler
 * string, its template environment (plus the variables the Lambda service itself sets), its memory as
 * the V8 heap limit, its timeout, in its own Node process (22 where the registry's node-linux-* package
 * is installed: docs/decisions/0304-artifact-harness.md). One invocation at a time per sandbox, like a
 * Lambda execution environment; the process stays warm between invocations.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { accessKeyFor } from './aws-stand-in.ts';

export interface FunctionSpec {
  /** Physical function name. */
  readonly name: string;
  readonly arn: string;
  readonly taskRoot: string;
  readonly handler: string;
  readonly runtime: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  /** The template's `Environment.Variables`, resolved. */
  readonly environment: Readonly<Record<string, string>>;
  readonly region: string;
  readonly jsonLogs: boolean;
}

export interface LambdaError {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly stack: readonly string[];
}

export type Invocation =
  | { readonly ok: true; readonly result: unknown }
  | { readonly ok: false; readonly error: LambdaError; readonly logs: string };

const here = import.meta.dirname;

/** The Node binary Lambda's runtime major would use: node-linux-<arch> from the registry, else this one. */
export function lambdaNode(runtime: string): { path: string; version: string; matchesRuntime: boolean } {
  const major = /^nodejs(\d+)\.x$/.exec(runtime)?.[1];
  const require = createRequire(import.meta.url);
  try {
    const packageJson = require.resolve(`node-linux-${process.arch}/package.json`);
    const path = join(dirname(packageJson), 'bin', 'node');
    const version = (require(packageJson) as { version: string }).version;
    if (existsSync(path) && version.split('.')[0] === major) return { path, version, matchesRuntime: true };
  } catch {
    // not installed for this platform: fall back below
  }
  const version = process.versions.node;
  return { path: process.execPath, version, matchesRuntime: version.split('.')[0] === major };
}

let sandboxCount = 0;

export class Sandbox {
  private child: ChildProcess | undefined;
  private ready: Promise<void> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private logs = '';
  private nextId = 0;
  private readonly pending = new Map<number, (message: RunnerMessage) => void>();
  /** Cold-start import time of the bundle in the last sandbox started (ms). */
  initMs: number | undefined;
  coldStarts = 0;

  constructor(
    readonly spec: FunctionSpec,
    private readonly standInUrl: string,
    private readonly echoLogs = false,
  ) {}

  /** Runs one event through the handler (starting the sandbox first when cold). */
  invoke(event: unknown): Promise<Invocation> {
    const run = this.queue.then(() => this.invokeNow(event));
    this.queue = run.catch(() => undefined);
    return run;
  }

  recentLogs(): string {
    return this.logs;
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    this.ready = undefined;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  private start(): Promise<void> {
    const node = lambdaNode(this.spec.runtime);
    const index = ++sandboxCount;
    const { spec } = this;
    const env: Record<string, string> = {
      PATH: '/var/lang/bin:/usr/local/bin:/usr/bin:/bin',
      LANG: 'en_US.UTF-8',
      TZ: ':UTC',
      LAMBDA_TASK_ROOT: spec.taskRoot,
      _HANDLER: spec.handler,
      AWS_EXECUTION_ENV: `AWS_Lambda_${spec.runtime}`,
      AWS_REGION: spec.region,
      AWS_DEFAULT_REGION: spec.region,
      AWS_LAMBDA_FUNCTION_NAME: spec.name,
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(spec.memoryMb),
      AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${spec.name}`,
      AWS_LAMBDA_LOG_STREAM_NAME: `harness/${index}`,
      ...(spec.jsonLogs ? { AWS_LAMBDA_LOG_FORMAT: 'JSON' } : {}),
      AWS_ACCESS_KEY_ID: accessKeyFor(spec.name),
      AWS_SECRET_ACCESS_KEY: 'harness-secret-access-key',
      AWS_SESSION_TOKEN: `harness-session-${index}`,
      ...spec.environment,
    };
    const child = fork(
      join(here, 'sandbox', 'runner.mjs'),
      [spec.taskRoot, spec.handler, this.standInUrl, spec.name],
      {
        cwd: spec.taskRoot,
        env,
        execPath: node.path,
        // Lambda's Node runtime sizes the old generation from the function's memory.
        execArgv: [
          `--max-old-space-size=${Math.floor(spec.memoryMb * 0.9)}`,
          '--import',
          join(here, 'sandbox', 'network.mjs'),
        ],
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
        serialization: 'advanced',
      },
    );
    this.child = child;
    this.coldStarts++;
    const keep = (chunk: Buffer) => {
      this.logs = (this.logs + chunk.toString()).slice(-20_000);
      if (this.echoLogs) process.stderr.write(`[${spec.name}] ${chunk}`);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    return new Promise<void>((resolve, reject) => {
      const onExit = (code: number | null) => {
        const error = new SandboxExit(`${spec.name} exited (${code}) during init:\n${this.logs}`);
        for (const [, settle] of this.pending) settle({ type: 'crash', error: exitError(code) });
        this.pending.clear();
        if (this.child === child) {
          this.child = undefined;
          this.ready = undefined;
        }
        reject(error);
      };
      child.once('exit', onExit);
      child.on('message', (message: RunnerMessage) => {
        if (message.type === 'ready') {
          this.initMs = message.initMs;
          resolve();
          return;
        }
        if (message.type === 'init-error') {
          child.off('exit', onExit);
          this.child = undefined;
          this.ready = undefined;
          reject(new SandboxInitError(message.error, this.logs));
          return;
        }
        if ('id' in message) {
          this.pending.get(message.id)?.(message);
          this.pending.delete(message.id);
        }
      });
    });
  }

  private async invokeNow(event: unknown): Promise<Invocation> {
    this.ready ??= this.start();
    try {
      await this.ready;
    } catch (error) {
      this.ready = undefined;
      if (error instanceof SandboxInitError) return { ok: false, error: error.lambdaError, logs: error.logs };
      return { ok: false, error: exitError(null, (error as Error).message), logs: this.logs };
    }
    const child = this.child!;
    const id = ++this.nextId;
    const timeoutMs = this.spec.timeoutSeconds * 1000;
    const message = await new Promise<RunnerMessage>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        // Lambda ends the environment of a function that timed out; the next call is a cold start.
        void this.stop();
        resolve({
          type: 'error',
          id,
          error: {
            errorType: 'Sandbox.Timedout',
            errorMessage: `Task timed out after ${this.spec.timeoutSeconds}.00 seconds`,
            stack: [],
          },
        });
      }, timeoutMs);
      this.pending.set(id, (answer) => {
        clearTimeout(timer);
        resolve(answer);
      });
      child.send({
        type: 'invoke',
        id,
        event,
        context: {
          awsRequestId: crypto.randomUUID(),
          functionName: this.spec.name,
          functionVersion: '$LATEST',
          invokedFunctionArn: this.spec.arn,
          memoryLimitInMB: String(this.spec.memoryMb),
          logGroupName: `/aws/lambda/${this.spec.name}`,
          logStreamName: 'harness',
          timeoutMs,
        },
      });
    });
    if (message.type === 'result') return { ok: true, result: message.result };
    if (message.type === 'error' || message.type === 'crash')
      return { ok: false, error: message.error, logs: this.logs };
    throw new Error(`unexpected sandbox message ${message.type}`);
  }
}

type RunnerMessage =
  | { type: 'ready'; initMs: number }
  | { type: 'init-error'; error: LambdaError }
  | { type: 'result'; id: number; result: unknown }
  | { type: 'error'; id: number; error: LambdaError }
  | { type: 'crash'; error: LambdaError };

const exitError = (code: number | null, message = `exited with code ${code}`): LambdaError => ({
  errorType: 'Runtime.ExitError',
  errorMessage: `RequestId: harness Error: Runtime ${message}`,
  stack: [],
});

class SandboxExit extends Error {}

export class SandboxInitError extends Error {
  constructor(
    readonly lambdaError: LambdaError,
    readonly logs: string,
  ) {
    super(`${lambdaError.errorType}: ${lambdaError.errorMessage}`);
  }
}
