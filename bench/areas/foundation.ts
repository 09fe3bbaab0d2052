import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { npmStart } from '../../test/support/npm-start.ts';
import { type BenchArea, percentile } from '../contract.ts';

/** Resident memory of every process in a process group (npm, node, DynamoDB Local's JVM), in MB. */
function groupRssMb(pgid: number): number {
  let kb = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Field 5 (after the parenthesised command name) is the process group id.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid) continue;
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      kb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    } catch {
      // The process ended while we read it.
    }
  }
  return Math.round(kb / 1024);
}

export const area: BenchArea = {
  name: 'foundation',
  floors: {
    'startup.rssMb': { op: '<=', value: 800 },
  },
  async run(ctx) {
    const dataDir = mkdtempSync(join(tmpdir(), 'chophien-bench-start-'));
    try {
      // First start creates and seeds the data dir (and builds the storefront if needed).
      const first = await npmStart(dataDir);
      const rssMb = groupRssMb(first.child.pid!);
      await first.interrupt();

      // `startup.readyMs`: from `npm start` to /health 200 with an existing data dir.
      const started = performance.now();
      const second = await npmStart(dataDir);
      const readyMs = Math.round(performance.now() - started);
      const samples: number[] = [];
      for (let i = 0; i < 20; i++) await fetch(`${second.apiUrl}/health`);
      for (let i = 0; i < 300; i++) {
        const t = performance.now();
        const response = await fetch(`${second.apiUrl}/health`);
        await response.arrayBuffer();
        samples.push(performance.now() - t);
      }
      await second.interrupt();
      ctx.log(`ready ${readyMs} ms, rss ${rssMb} MB`);
      return {
        'startup.readyMs': readyMs,
        'startup.rssMb': rssMb,
        'api.healthP50Ms': Number(percentile(samples, 50).toFixed(2)),
        'api.healthP99Ms': Number(percentile(samples, 99).toFixed(2)),
      };
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
