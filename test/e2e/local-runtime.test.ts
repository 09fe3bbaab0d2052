import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../infra/local/src/config.ts';
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
