import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ScheduleDefinition } from '@chophien/functions/schedules';

/** Imports a schedule's handler module and runs its export once, as one EventBridge invocation would. */
async function runOnce(schedule: ScheduleDefinition, functionsDir: string): Promise<void> {
  const module = (await import(pathToFileURL(join(functionsDir, `${schedule.handler}.ts`)).href)) as Record<
    string,
    () => Promise<unknown>
  >;
  await module[schedule.export]?.();
}

/** Runs every scheduled handler on its interval, as EventBridge does on AWS; returns a stop function. */
export function startSchedules(
  schedules: readonly ScheduleDefinition[],
  functionsDir: string,
  onError: (id: string, error: unknown) => void,
): () => void {
  const timers = schedules.map((schedule) => {
    let running = false;
    const run = async () => {
      if (running) return;
      running = true;
      try {
        await runOnce(schedule, functionsDir);
      } catch (error) {
        onError(schedule.id, error);
      } finally {
        running = false;
      }
    };
    const timer = setInterval(run, schedule.everyMinutes * 60_000);
    timer.unref();
    return timer;
  });
  return () => {
    for (const timer of timers) clearInterval(timer);
  };
}

/**
 * Runs, once and to the end, every schedule marked `runAtStart` (pre-computed views a fresh start should
 * show): awaited by the local runtime before it says it is up, so what a first request reads is settled.
 */
export async function runStartupSchedules(
  schedules: readonly ScheduleDefinition[],
  functionsDir: string,
  onError: (id: string, error: unknown) => void,
): Promise<void> {
  for (const schedule of schedules) {
    if (!schedule.runAtStart) continue;
    try {
      await runOnce(schedule, functionsDir);
    } catch (error) {
      onError(schedule.id, error);
    }
  }
}
