import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../infra/local/src/config.ts';
import { processAlive, waitForExit } from '../../infra/local/src/dynamodb-local.ts';
import { assertPortFree } from '../../infra/local/src/ports.ts';
import { checkHomePage } from '../../site/test-support/render-check.ts';
import { launchChromium } from '../support/browser.ts';
import { groupAlive, npmStart, type RunningPlatform } from '../support/npm-start.ts';

const run = promisify(execFile);
const dataDir = mkdtempSync(join(tmpdir(), 'chophien-start-'));
let running: RunningPlatform | undefined;
let firstRunCards = 0;

afterAll(async () => {
  if (running && groupAlive(running.child.pid!)) process.kill(-running.child.pid!, 'SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

/** SIGKILL to every process of `npm start`'s group but one (the JVM). */
function killGroupExcept(groupId: number, spared: number) {
  const listing = spawnSync('ps', ['-e', '-o', 'pid=,pgid='], { encoding: 'utf8' }).stdout;
  for (const line of listing.trim().split('\n')) {
    const [pid, pgid] = line.trim().split(/\s+/).map(Number);
    if (pgid === groupId && pid !== spared && pid) process.kill(pid, 'SIGKILL');
  }
}

const externalAddresses = () =>
  Object.values(networkInterfaces())
    .flat()
    .filter((address) => address && !address.internal && address.family === 'IPv4')
    .map((address) => address!.address);

const connectable = (host: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host, port, timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });

async function stopAndCheckNothingLeft(platform: RunningPlatform) {
  const exit = await platform.interrupt();
  // npm itself dies of the SIGINT like any shell job; our process must exit cleanly, not crash.
  expect(exit.code === 0 || exit.signal === 'SIGINT').toBe(true);
  expect(platform.output()).toMatch(/Đang dừng… \/ Stopping…/);
  expect(platform.output()).not.toMatch(/Error|ERR_/);
  // Give the OS a moment to reap DynamoDB Local's JVM, then nothing of the group may remain.
  for (let i = 0; i < 40 && groupAlive(platform.child.pid!); i++)
    await new Promise((r) => setTimeout(r, 250));
  expect(groupAlive(platform.child.pid!)).toBe(false);
  for (const port of Object.values(platform.ports))
    await expect(assertPortFree(port, '127.0.0.1', 'PORT')).resolves.toBeUndefined();
}

describe('npm start (connected, real processes)', () => {
  it('brings the platform up seeded: /health 200 and a Vietnamese storefront listing products', async () => {
    running = await npmStart(dataDir);
    expect(running.output()).toMatch(/Cửa hàng \/ Storefront:\s+http:\/\/127\.0\.0\.1:\d+/);
    expect(running.output()).toMatch(/Dữ liệu mẫu products-v1: 20 mục/);

    const health = await fetch(`${running.apiUrl}/health`);
    expect(health.status).toBe(200);

    const home = await fetch(`${running.siteUrl}/`);
    expect(home.status).toBe(200);
    const html = await home.text();
    expect(html).toMatch(/<html lang="vi"/);
    expect(html).toContain('Chè Thái Nguyên búp Tân Cương');
    expect(html).toContain('Vải thiều Thanh Hà');
    expect(html).toMatch(/từ [\d.]+\s₫/);
    firstRunCards = html.match(/<article class="card"/g)?.length ?? 0;
    expect(firstRunCards).toBeGreaterThanOrEqual(18);

    const missing = await fetch(`${running.siteUrl}/trang-khong-ton-tai`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toMatch(/Không tìm thấy/);
  });

  it('passes npm run smoke against it (storefront and API), as an operator runs it after a deploy', async () => {
    const { stdout, stderr } = await run(
      'npm',
      ['run', '--silent', 'smoke', '--', '--url', running!.siteUrl, '--api', running!.apiUrl],
      { cwd: repoRoot, timeout: 120_000 },
    ).catch((error: { stdout: string; stderr: string }) => error);
    expect(stdout, stderr).toMatch(/^9 passed, 0 failed$/m);
  });

  it('renders the storefront shell correctly in a real browser on a phone-sized screen', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
      const report = await checkHomePage(page, running!.siteUrl);
      expect(report.productCount).toBeGreaterThanOrEqual(18);
      await page.goto(`${running!.siteUrl}/`);
      await page.screenshot({ path: 'test-results/foundation-home.png', fullPage: false });
    } finally {
      await browser.close();
    }
  });

  it('stops every child process on Ctrl-C', async () => {
    await stopAndCheckNothingLeft(running!);
  });

  it('restarts on the same data dir without seeding again, and stops cleanly again', async () => {
    running = await npmStart(dataDir);
    expect(running.output()).not.toMatch(/Dữ liệu mẫu/);
    const home = await (await fetch(`${running.siteUrl}/`)).text();
    expect(home.match(/<article class="card"/g)?.length ?? 0).toBe(firstRunCards);
    await stopAndCheckNothingLeft(running);
  });

  it('DynamoDB Local listens on 127.0.0.1 only, a kill -9 loses no data, and a JVM left behind is stopped by its recorded pid', async () => {
    const pidFile = join(dataDir, 'dynamodb', 'dynamodb.pid');
    const item = { PK: 'TEST#kill-9', SK: 'TEST', note: 'vẫn còn sau kill -9' };
    const table = (port: number) =>
      DynamoDBDocumentClient.from(
        new DynamoDBClient({
          endpoint: `http://127.0.0.1:${port}`,
          region: 'ap-southeast-1',
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }),
      );

    running = await npmStart(dataDir);
    const port = running.ports.dynamodb;
    await expect(connectable('127.0.0.1', port)).resolves.toBe(true);
    for (const address of externalAddresses()) await expect(connectable(address, port)).resolves.toBe(false);
    await table(port).send(new PutCommand({ TableName: 'chophien', Item: item }));

    // A hung JVM (stopped) survives a kill -9 of the rest of `npm start` and holds the port and data files…
    const hung = JSON.parse(readFileSync(pidFile, 'utf8')) as { pid: number };
    process.kill(hung.pid, 'SIGSTOP');
    killGroupExcept(running.child.pid!, hung.pid);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(processAlive(hung.pid)).toBe(true);
    // …until the next start stops it by the pid it recorded; what was written before the kill -9 is there.
    running = await npmStart(dataDir);
    expect(running.output()).toMatch(
      new RegExp(`Đã dừng DynamoDB Local còn sót từ lần chạy trước \\(pid ${hung.pid}\\)`),
    );
    expect(processAlive(hung.pid)).toBe(false);
    const after = await table(running.ports.dynamodb).send(
      new GetCommand({ TableName: 'chophien', Key: { PK: item.PK, SK: item.SK } }),
    );
    expect(after.Item?.note).toBe(item.note);

    // A healthy JVM whose parent is killed -9 exits by itself (its stdin pipe closes): nothing is left.
    const healthy = JSON.parse(readFileSync(pidFile, 'utf8')) as { pid: number };
    killGroupExcept(running.child.pid!, healthy.pid);
    await expect(waitForExit(healthy.pid, 15_000)).resolves.toBe(true);
    expect(groupAlive(running.child.pid!)).toBe(false);
    for (const free of Object.values(running.ports))
      await expect(assertPortFree(free, '127.0.0.1', 'PORT')).resolves.toBeUndefined();
    running = undefined;
  });

  it('refuses to start on a port in use with a one-line hint', async () => {
    const { createServer } = await import('node:net');
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const { spawnSync } = await import('node:child_process');
    const result = spawnSync('npm', ['start', '--silent'], {
      cwd: process.cwd(),
      env: { ...process.env, API_PORT: String(port), DATA_DIR: dataDir },
      encoding: 'utf8',
      timeout: 60_000,
    });
    blocker.close();
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toMatch(
      new RegExp(`^chophien: Port ${port} is already in use: .*API_PORT=<port>\\.$`, 'm'),
    );
  });

  it('refuses to start without Java with a one-line hint', async () => {
    const { spawnSync } = await import('node:child_process');
    // node is started by its absolute path; a PATH without java is what a machine lacking Java looks like.
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'infra/local/src/main.ts'], {
      cwd: process.cwd(),
      env: { ...process.env, PATH: '/nonexistent', DATA_DIR: dataDir },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toMatch(
      /^chophien: Java 17 is needed for DynamoDB Local: install it .*apt-get install -y openjdk-17-jre-headless.*$/m,
    );
  });
});
