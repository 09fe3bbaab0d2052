import { type ChildProcess, spawn } from 'node:child_process';
import { repoRoot } from '../../infra/local/src/config.ts';
import { freePort } from '../../infra/local/src/ports.ts';

export interface RunningPlatform {
  readonly apiUrl: string;
  readonly siteUrl: string;
  readonly child: ChildProcess;
  readonly ports: { api: number; site: number; dynamodb: number };
  output(): string;
  /** Ctrl-C, as a developer would press it: SIGINT to the whole process group. */
  interrupt(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs `npm start` exactly as the README says, in its own process group, on free ports. */
export async function npmStart(dataDir: string, timeoutMs = 240_000): Promise<RunningPlatform> {
  const ports = { api: await freePort(), site: await freePort(), dynamodb: await freePort() };
  const child = spawn('npm', ['start'], {
    cwd: repoRoot,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      API_PORT: String(ports.api),
      SITE_PORT: String(ports.site),
      DYNAMODB_PORT: String(ports.dynamodb),
      DATA_DIR: dataDir,
    },
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const apiUrl = `http://127.0.0.1:${ports.api}`;
  const siteUrl = `http://127.0.0.1:${ports.site}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited (${child.exitCode}):\n${output}`);
    if (Date.now() > deadline) {
      process.kill(-child.pid!, 'SIGKILL');
      throw new Error(`npm start not ready within ${timeoutMs / 1000} s:\n${output}`);
    }
    const ready = await fetch(`${apiUrl}/health`)
      .then((response) => response.status === 200)
      .catch(() => false);
    if (ready && output.includes('Ctrl-C')) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    apiUrl,
    siteUrl,
    child,
    ports,
    output: () => output,
    interrupt: () =>
      new Promise((resolve) => {
        child.once('exit', (code, signal) => resolve({ code, signal }));
        process.kill(-child.pid!, 'SIGINT');
      }),
  };
}

/** True while any process of the group still exists. */
export function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}
