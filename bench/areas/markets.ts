/**
 * 4.0 markets on the local stack: signed webhook deliveries with 10% duplicates and 10% cross-channel
 * forgeries (a channel's own secret over another channel's account: decision 0704) — throughput, p99,
 * double credits and wrong credits (both must be 0) — and notification-to-till latency over the live SSE
 * feed. Loopback only, bounded loops.
 */
import { readFileSync } from 'node:fs';
import { type BankProvider, buildBankNotification, vietnamDay } from '@chophien/core';
import { createDb, marketsStore } from '@chophien/db';
import { seedId } from '../../infra/local/src/seed/ids.ts';
import { type BenchArea, percentile } from '../contract.ts';

const DELIVERIES = 2000;
const CONCURRENCY = 32;
/** Every 10th delivery re-sends an earlier one; every 10th (offset 5) is a cross-channel forgery. */
const EVERY = 10;
const TILL_SAMPLES = 60;

interface Target {
  channel: string;
  provider: BankProvider;
  accountNumber: string;
  stallId: string;
  vendorPhone: string;
}

// Vendors with one stall each: every delivery is credited (no review), so credits are countable.
const targets: Target[] = [
  {
    channel: 'ch-sepay-1',
    provider: 'sepay',
    accountNumber: '100870001234',
    stallId: seedId('stall', 1),
    vendorPhone: '+84987000011',
  },
  {
    channel: 'ch-sepay-3',
    provider: 'sepay',
    accountNumber: '0451000345678',
    stallId: seedId('stall', 4),
    vendorPhone: '+84987000013',
  },
  {
    channel: 'ch-payos-4',
    provider: 'payos',
    accountNumber: '21510004567890',
    stallId: seedId('stall', 5),
    vendorPhone: '+84987000014',
  },
];

const secrets = (): Record<string, string> =>
  (
    JSON.parse(readFileSync(process.env.MARKETS_SECRETS_FILE ?? '', 'utf8')) as {
      channels: Record<string, string>;
    }
  ).channels;

/** Signed with `target`'s secret; naming `accountOf`'s account (another target's = a forgery). */
function notification(target: Target, transactionId: string, amountVnd: number, accountOf: Target = target) {
  return buildBankNotification(target.provider, secrets()[target.channel] ?? '', {
    transactionId,
    amountVnd,
    memo: 'bench',
    accountNumber: accountOf.accountNumber,
  });
}

async function post(apiUrl: string, target: Target, body: { body: string; headers: Record<string, string> }) {
  const response = await fetch(`${apiUrl}/webhooks/bank/${target.provider}/${target.channel}`, {
    method: 'POST',
    headers: body.headers,
    body: body.body,
  });
  const json = (await response.json()) as { outcome?: string };
  return { status: response.status, outcome: json.outcome };
}

async function webhookLoad(apiUrl: string) {
  const store = marketsStore(createDb());
  const day = vietnamDay(new Date());
  const before = await Promise.all(targets.map((target) => store.stallDayTotal(target.stallId, day)));
  const run = Date.now().toString(36);
  // Plan: 80% fresh genuine transactions, 10% re-deliveries of an earlier genuine one (same signed body),
  // 10% forgeries: one channel's secret over another channel's account.
  type Planned = { target: Target; notification: ReturnType<typeof notification>; forged: boolean };
  const plan: Planned[] = [];
  const genuine: Planned[] = [];
  const expected = new Map<Target, number>();
  for (let i = 0; i < DELIVERIES; i++) {
    const target = targets[i % targets.length]!;
    if (genuine.length > 10 && i % EVERY === 0) {
      plan.push(genuine[(i * 7919) % genuine.length]!);
      continue;
    }
    if (i % EVERY === 5) {
      const victim = targets[(i + 1) % targets.length]!;
      plan.push({ target, notification: notification(target, `F${run}${i}`, 1000, victim), forged: true });
      continue;
    }
    const item = {
      target,
      notification: notification(target, `B${run}${i}`, 1000 + (i % 50) * 1000),
      forged: false,
    };
    plan.push(item);
    genuine.push(item);
    expected.set(target, (expected.get(target) ?? 0) + 1);
  }
  const latencies: number[] = [];
  const outcomes = new Map<string, number>();
  let forgeriesAccepted = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < plan.length) {
        const item = plan[next++]!;
        const t = performance.now();
        const result = await post(apiUrl, item.target, item.notification);
        latencies.push(performance.now() - t);
        const key = result.status === 200 ? (result.outcome ?? '?') : String(result.status);
        outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
        if (item.forged && key !== 'rejected') forgeriesAccepted++;
      }
    }),
  );
  const elapsedS = (performance.now() - started) / 1000;
  const after = await Promise.all(targets.map((target) => store.stallDayTotal(target.stallId, day)));
  // Per stall: credits beyond its genuine transactions are double (or wrong) credits; fewer are missing.
  let excess = 0;
  let missing = 0;
  targets.forEach((target, index) => {
    const credited = after[index]!.count - before[index]!.count;
    const due = expected.get(target) ?? 0;
    excess += Math.max(0, credited - due);
    missing += Math.max(0, due - credited);
  });
  return {
    rps: Math.round(plan.length / elapsedS),
    p99: percentile(latencies, 99),
    doubleCredits: Math.max(0, excess - forgeriesAccepted),
    wrongCredits: forgeriesAccepted,
    missing,
    outcomes: Object.fromEntries(outcomes),
  };
}

async function tillLatency(apiUrl: string) {
  const target = targets[0]!;
  const minted = await fetch(`${apiUrl}/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone: target.vendorPhone }),
  });
  const { token } = (await minted.json()) as { token: string };
  const controller = new AbortController();
  const response = await fetch(`${apiUrl}/local/markets/till?token=${encodeURIComponent(token)}`, {
    signal: controller.signal,
  });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const waiting = new Map<string, (at: number) => void>();
  let buffer = '';
  const pump = (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = /^data: (.*)$/m.exec(frame)?.[1];
        if (data) {
          const id = (JSON.parse(data) as { id: string }).id;
          waiting.get(id)?.(performance.now());
        }
        end = buffer.indexOf('\n\n');
      }
    }
  })();
  const samples: number[] = [];
  const run = Date.now().toString(36);
  for (let i = 0; i < TILL_SAMPLES; i++) {
    const transactionId = `T${run}${i}`;
    const arrived = new Promise<number>((resolve) =>
      waiting.set(`${target.provider}#${transactionId}`, resolve),
    );
    const timeout = new Promise<number>((resolve) =>
      setTimeout(() => resolve(Number.POSITIVE_INFINITY), 5000),
    );
    const sent = performance.now();
    await post(apiUrl, target, notification(target, transactionId, 10_000 + i * 1000));
    samples.push((await Promise.race([arrived, timeout])) - sent);
  }
  controller.abort();
  await pump;
  return { p99: percentile(samples, 99), p50: percentile(samples, 50) };
}

export const area: BenchArea = {
  name: 'markets',
  needsStack: true,
  floors: {
    'markets.doubleCredits': { op: '==', value: 0 },
    'markets.wrongCredits': { op: '==', value: 0 },
    'markets.tillLatencyP99Ms': { op: '<=', value: 1000 },
  },
  async run(ctx) {
    if (!ctx.apiUrl) throw new Error('markets bench needs the local stack');
    const load = await webhookLoad(ctx.apiUrl);
    ctx.log(
      `webhooks: ${load.rps} req/s, p99 ${load.p99.toFixed(1)} ms, outcomes ${JSON.stringify(load.outcomes)}, missing ${load.missing}`,
    );
    const till = await tillLatency(ctx.apiUrl);
    ctx.log(`till: p50 ${till.p50.toFixed(1)} ms, p99 ${till.p99.toFixed(1)} ms`);
    return {
      'markets.webhookRps': load.rps,
      'markets.webhookP99Ms': Number(load.p99.toFixed(2)),
      'markets.doubleCredits': load.doubleCredits,
      'markets.wrongCredits': load.wrongCredits,
      'markets.tillLatencyP99Ms': Number(till.p99.toFixed(2)),
    };
  },
};
