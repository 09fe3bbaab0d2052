import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { schedules } from '@chophien/functions/schedules';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { repoRoot } from '../src/config.ts';
import { runStartupSchedules, startSchedules } from '../src/schedules.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('local schedules (offline)', () => {
  it('calls each scheduled export on its interval until stopped, reporting failures', async () => {
    vi.useFakeTimers();
    const dir = mkdtempSync(join(tmpdir(), 'chophien-schedules-'));
    writeFileSync(
      join(dir, 'job.ts'),
      'export const calls = { n: 0 }; export const tick = async () => { calls.n++; if (calls.n === 2) throw new Error("boom"); };',
    );
    const failures: string[] = [];
    const stop = startSchedules(
      [{ id: 'Job', handler: 'job', export: 'tick', everyMinutes: 1, data: 'read' }],
      dir,
      (id) => failures.push(id),
    );
    const { calls } = (await import(join(dir, 'job.ts'))) as { calls: { n: number } };
    for (let minute = 0; minute < 3; minute++) {
      await vi.advanceTimersByTimeAsync(60_000);
      await vi.waitFor(() => expect(calls.n).toBe(minute + 1), { timeout: 5000 });
    }
    stop();
    await vi.advanceTimersByTimeAsync(180_000);
    expect(calls.n).toBe(3);
    expect(failures).toEqual(['Job']);
  });

  it('runs the schedules marked runAtStart once, to the end, and only those', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chophien-startup-'));
    writeFileSync(
      join(dir, 'job.ts'),
      'export const calls = { a: 0, b: 0 }; export const a = async () => { await new Promise((r) => setTimeout(r, 50)); calls.a++; }; export const b = async () => { calls.b++; };',
    );
    await runStartupSchedules(
      [
        { id: 'A', handler: 'job', export: 'a', everyMinutes: 10, runAtStart: true, data: 'read' },
        { id: 'B', handler: 'job', export: 'b', everyMinutes: 1, data: 'read' },
      ],
      dir,
      () => undefined,
    );
    const { calls } = (await import(join(dir, 'job.ts'))) as { calls: { a: number; b: number } };
    expect(calls).toEqual({ a: 1, b: 0 });
  });

  it('every schedule names an export its module really has', async () => {
    for (const schedule of schedules) {
      const url = pathToFileURL(join(repoRoot, 'functions', `${schedule.handler}.ts`)).href;
      const module = (await import(/* @vite-ignore */ url)) as Record<string, unknown>;
      expect(typeof module[schedule.export], schedule.id).toBe('function');
    }
  });
});
