/**
 * A province's market morning (issue #18), at the scale this machine allows, on the local stack:
 * - markets and stalls as a province has them (Thái Nguyên: 107 markets, 9,300 acceptance points ≈ 87
 *   stalls a market), each stall's vendor with its own account and notification channel;
 * - a morning of signed bank notifications over every stall: 10% re-deliveries of an earlier one, 2%
 *   cross-channel forgeries (one channel's secret over another's account), a tenth of the stalls selling
 *   by dynamic QR (a sale with its amount) of which half are underpaid;
 * - live tills connected (SSE) for a tenth of the stalls' worth of connections, and notification-to-till
 *   latency sampled on them throughout;
 * - buyers checking out at the same time.
 * Figures: `province.webhookRps` (all deliveries ÷ wall time), `province.tillP50Ms`/`tillP99Ms`,
 * `province.checkoutP95Ms`, `province.doubleCredits` and `province.wrongCredits` (each stall's ledger and
 * each sale against the plan: both must be 0), and from a quiet, sequential pass with
 * ReturnConsumedCapacity on every DynamoDB call of the process: read/write units per payment and per order
 * and the request's duration; from those the cost model (province-cost.ts → docs/cost-model.md).
 */

import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { type BankProvider, buildBankNotification, newSaleCode, vietnamDay } from '@chophien/core';
import { createDb, marketsStore, productKeys } from '@chophien/db';
import {
  newChannelSecret,
  readSecretsFile,
  writeSecretsFile,
} from '../../functions/markets/channel-secrets.ts';
import { seedId } from '../../infra/local/src/seed/ids.ts';
import { generatedListing } from '../catalogue.ts';
import { type BenchArea, percentile } from '../contract.ts';
import { signUpBuyer } from '../support/buyers.ts';
import { meterEveryDynamoDbClient } from '../support/capacity.ts';
import { provinceCost, writeProvinceCostModel } from '../support/province-cost.ts';

/** The share of the province one run generates (the bench: 3 of 107 markets at 87 stalls each). */
export interface MorningScale {
  readonly markets: number;
  readonly stallsPerMarket: number;
  /** Payments per stall in the generated stretch of the morning (the model's peak hour has ~13 per stall). */
  readonly paymentsPerStall: number;
}

const BENCH_SCALE: MorningScale = {
  markets: Number(process.env.PROVINCE_MARKETS ?? 3),
  stallsPerMarket: 87,
  paymentsPerStall: Number(process.env.PROVINCE_PAYMENTS_PER_STALL ?? 8),
};
const CONCURRENCY = 32;
const BUYERS = 8;

interface GeneratedStall {
  readonly stallId: string;
  readonly marketId: string;
  readonly vendorId: string;
  readonly channel: string;
  readonly provider: BankProvider;
  readonly accountNumber: string;
  readonly stallCode: string;
}

interface Delivery {
  readonly stall: GeneratedStall;
  readonly body: { body: string; headers: Record<string, string> };
  readonly kind: 'genuine' | 'duplicate' | 'forged' | 'sale';
}

const run = Date.now().toString(36).toUpperCase();

function secretsFile(): string {
  const path = process.env.MARKETS_SECRETS_FILE;
  if (!path) throw new Error('province bench needs the local stack (MARKETS_SECRETS_FILE)');
  return path;
}

/** Markets, stalls, vendors' accounts and channels, written as the console and onboarding would. */
async function provision(scale: MorningScale): Promise<GeneratedStall[]> {
  const store = marketsStore(createDb());
  const secrets = readSecretsFile(secretsFile());
  const stalls: GeneratedStall[] = [];
  for (let m = 0; m < scale.markets; m++) {
    const marketId = `01PROV${run}M${String(m).padStart(3, '0')}`;
    await store.putMarket({
      id: marketId,
      code: `PV${m}${run}`.slice(0, 12),
      name: `Chợ phiên thử tải ${m + 1}`,
      province: 'Thái Nguyên',
      commune: 'xã Tân Cương',
      monthlyStallFeeVnd: 300_000,
    });
    for (let s = 0; s < scale.stallsPerMarket; s++) {
      const n = m * scale.stallsPerMarket + s;
      const vendorId = `01PROV${run}V${String(n).padStart(5, '0')}`;
      const provider: BankProvider = n % 2 === 0 ? 'sepay' : 'payos';
      const stall: GeneratedStall = {
        stallId: `01PROV${run}S${String(n).padStart(5, '0')}`,
        marketId,
        vendorId,
        channel: `ch-prov-${run.toLowerCase()}-${n}`,
        provider,
        accountNumber: `88${String(n).padStart(10, '0')}`,
        stallCode: `P${m}-${String(s).padStart(3, '0')}`,
      };
      const accountId = `${vendorId}A`;
      await store.putAccount(
        {
          id: accountId,
          vendorId,
          bin: '970415',
          accountNumber: stall.accountNumber,
          holderName: 'NGUOI BAN THU',
          provider,
          channelId: stall.channel,
          status: 'active',
          createdAt: new Date().toISOString(),
        },
        {
          id: stall.channel,
          provider,
          vendorId,
          accountId,
          bin: '970415',
          accountNumber: stall.accountNumber,
        },
      );
      await store.putStall({
        id: stall.stallId,
        marketId,
        code: stall.stallCode,
        zone: 'Khu A',
        number: String(s + 1),
        vendorId,
        vendorName: `Người bán ${n + 1}`,
        goods: 'Rau củ',
        accountId,
      });
      secrets.channels[stall.channel] = newChannelSecret();
      stalls.push(stall);
    }
  }
  writeSecretsFile(secretsFile(), secrets);
  return stalls;
}

function signed(
  stall: GeneratedStall,
  transactionId: string,
  amountVnd: number,
  memo: string,
  account = stall,
) {
  const secret = readSecretsCache()[stall.channel] ?? '';
  return buildBankNotification(stall.provider, secret, {
    transactionId,
    amountVnd,
    memo,
    accountNumber: account.accountNumber,
  });
}

let secretsCache: Record<string, string> | undefined;
const readSecretsCache = () => {
  secretsCache ??= readSecretsFile(secretsFile()).channels;
  return secretsCache;
};

async function deliver(apiUrl: string, delivery: Pick<Delivery, 'stall' | 'body'>) {
  const { stall, body } = delivery;
  const response = await fetch(`${apiUrl}/webhooks/bank/${stall.provider}/${stall.channel}`, {
    method: 'POST',
    headers: body.headers,
    body: body.body,
  });
  const json = (await response.json().catch(() => ({}))) as { outcome?: string };
  return response.status === 200 ? (json.outcome ?? '?') : String(response.status);
}

interface Plan {
  readonly deliveries: Delivery[];
  /** Per stall: genuine credits due (count, đồng). */
  readonly due: Map<string, { count: number; totalVnd: number }>;
  /** Per sale code: what it must have received and its status. */
  readonly sales: Map<string, { receivedVnd: number; status: 'paid' | 'underpaid' }>;
}

async function plan(stalls: readonly GeneratedStall[], paymentsPerStall: number): Promise<Plan> {
  const store = marketsStore(createDb());
  const deliveries: Delivery[] = [];
  const genuine: Delivery[] = [];
  const due = new Map<string, { count: number; totalVnd: number }>();
  const sales = new Map<string, { receivedVnd: number; status: 'paid' | 'underpaid' }>();
  const credit = (stall: GeneratedStall, amountVnd: number) => {
    const entry = due.get(stall.stallId) ?? { count: 0, totalVnd: 0 };
    due.set(stall.stallId, { count: entry.count + 1, totalVnd: entry.totalVnd + amountVnd });
  };
  // A tenth of the stalls sell by dynamic QR once this morning; every other one underpays by 5,000 đ.
  for (const [i, stall] of stalls.entries()) {
    if (i % 10 !== 3) continue;
    const amountVnd = 50_000 + (i % 7) * 10_000;
    const code = newSaleCode();
    await store.putSale({
      id: `${stall.stallId}SALE`,
      code,
      stallId: stall.stallId,
      marketId: stall.marketId,
      vendorId: stall.vendorId,
      amountVnd,
      status: 'open',
      createdAt: new Date().toISOString(),
    });
    const paid = i % 20 === 3 ? amountVnd - 5_000 : amountVnd;
    sales.set(code, { receivedVnd: paid, status: paid < amountVnd ? 'underpaid' : 'paid' });
    const item: Delivery = { stall, body: signed(stall, `S${run}${i}`, paid, code), kind: 'sale' };
    deliveries.push(item);
    genuine.push(item);
    credit(stall, paid);
  }
  const total = stalls.length * paymentsPerStall;
  for (let i = 0; i < total; i++) {
    const stall = stalls[(i * 7919) % stalls.length] as GeneratedStall;
    if (genuine.length > 20 && i % 10 === 0) {
      const again = genuine[(i * 104_729) % genuine.length] as Delivery;
      deliveries.push({ ...again, kind: 'duplicate' });
      continue;
    }
    if (i % 50 === 25) {
      const victim = stalls[(i * 7919 + 1) % stalls.length] as GeneratedStall;
      deliveries.push({
        stall,
        body: signed(stall, `F${run}${i}`, 20_000, 'mua hang', victim),
        kind: 'forged',
      });
      continue;
    }
    // Market-day amounts: 10,000–150,000 đ in thousands.
    const amountVnd = 10_000 + ((i * 37) % 141) * 1_000;
    const item: Delivery = {
      stall,
      body: signed(stall, `G${run}${i}`, amountVnd, 'chuyen tien'),
      kind: 'genuine',
    };
    deliveries.push(item);
    genuine.push(item);
    credit(stall, amountVnd);
  }
  return { deliveries, due, sales };
}

async function tokenFor(apiUrl: string, phone: string): Promise<string> {
  const response = await fetch(`${apiUrl}/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone }),
  });
  if (!response.ok) throw new Error(`no token for ${phone}: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

/** Seeded vendors with one stall each (their tills are the ones connected). */
const tillVendors = [
  {
    phone: '+84987000011',
    channel: 'ch-sepay-1',
    provider: 'sepay' as const,
    accountNumber: '100870001234',
    stallId: seedId('stall', 1),
  },
  {
    phone: '+84987000013',
    channel: 'ch-sepay-3',
    provider: 'sepay' as const,
    accountNumber: '0451000345678',
    stallId: seedId('stall', 4),
  },
  {
    phone: '+84987000014',
    channel: 'ch-payos-4',
    provider: 'payos' as const,
    accountNumber: '21510004567890',
    stallId: seedId('stall', 5),
  },
];

/** Live tills: `connections` SSE feeds spread over the till vendors; resolves waiters on each frame. */
async function connectTills(apiUrl: string, connections: number) {
  const tokens = await Promise.all(tillVendors.map((vendor) => tokenFor(apiUrl, vendor.phone)));
  const waiting = new Map<string, (at: number) => void>();
  const controller = new AbortController();
  const pumps: Promise<void>[] = [];
  for (let c = 0; c < connections; c++) {
    const token = tokens[c % tokens.length] as string;
    const response = await fetch(`${apiUrl}/local/markets/till?token=${encodeURIComponent(token)}`, {
      signal: controller.signal,
    });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    pumps.push(
      (async () => {
        for (;;) {
          const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
          if (done) return;
          buffer += decoder.decode(value, { stream: true });
          let end = buffer.indexOf('\n\n');
          while (end >= 0) {
            const data = /^data: (.*)$/m.exec(buffer.slice(0, end))?.[1];
            buffer = buffer.slice(end + 2);
            if (data) {
              const id = (JSON.parse(data) as { id?: string }).id;
              if (id) waiting.get(id)?.(performance.now());
            }
            end = buffer.indexOf('\n\n');
          }
        }
      })(),
    );
  }
  return {
    waiting,
    async close() {
      controller.abort();
      await Promise.all(pumps);
    },
  };
}

const checkoutBody = (productId: string) =>
  JSON.stringify({
    items: [{ productId, packId: 'goi', quantity: 1 }],
    fulfilment: 'pickup',
    contact: { name: 'Người mua thử', phone: '0987000001' },
  });

async function checkout(apiUrl: string, token: string, productId: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${apiUrl}/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: checkoutBody(productId),
  });
  await response.arrayBuffer();
  if (response.status !== 201 && response.status !== 200)
    throw new Error(`checkout answered ${response.status}`);
  return performance.now() - started;
}

/**
 * One generated morning against a running local API: provisions `scale`, measures a quiet sequential pass
 * (capacity), then runs every delivery at once beside live tills and buyers, and checks the books.
 */
export async function provinceMorning(api: string, scale: MorningScale, log: (message: string) => void) {
  const db = createDb();
  const store = marketsStore(db);
  let started = performance.now();
  const stalls = await provision(scale);
  log(
    `provisioned ${scale.markets} markets, ${stalls.length} stalls in ${Math.round(performance.now() - started)} ms`,
  );
  const products = Array.from({ length: 10 }, (_, i) => ({
    ...generatedListing(900_000 + i, seedId('farmer', (i % 6) + 1)),
    stock: 1_000_000,
  }));
  for (const product of products) {
    await db.doc.send(
      new PutCommand({
        TableName: db.tableName,
        Item: { ...productKeys(product), ...product, type: 'Product' },
      }),
    );
  }
  // Every checkout is a different buyer (signUpBuyer says why).
  let buyersSignedUp = 0;
  const newBuyer = () =>
    signUpBuyer(
      api,
      `+8439${run.slice(-3).replace(/\D/g, '0').padStart(3, '0')}${String(buyersSignedUp++).padStart(4, '0')}`,
    );

  // 1. Quiet and sequential: what one payment and one order consume (every DynamoDB call metered).
  const meter = await meterEveryDynamoDbClient();
  const quiet = stalls.slice(0, 100);
  const quietDurations: number[] = [];
  let capacity: { payment: { rcu: number; wcu: number }; order: { rcu: number; wcu: number } };
  try {
    meter.reset();
    for (const [i, stall] of quiet.entries()) {
      const t = performance.now();
      const outcome = await deliver(api, {
        stall,
        body: signed(stall, `Q${run}${i}`, 25_000, 'chuyen tien'),
      });
      quietDurations.push(performance.now() - t);
      if (outcome !== 'credited') throw new Error(`quiet payment: ${outcome}`);
    }
    const payments = meter.read();
    meter.reset();
    const orderDurations: number[] = [];
    for (let i = 0; i < 20; i++) {
      orderDurations.push(
        await checkout(api, await newBuyer(), (products[i % products.length] as { id: string }).id),
      );
    }
    const orders = meter.read();
    capacity = {
      payment: { rcu: payments.rcu / quiet.length, wcu: payments.wcu / quiet.length },
      order: { rcu: orders.rcu / 20, wcu: orders.wcu / 20 },
    };
    log(
      `per payment ${capacity.payment.rcu.toFixed(1)} RCU + ${capacity.payment.wcu.toFixed(1)} WCU (p50 ${percentile(quietDurations, 50).toFixed(1)} ms); per order ${capacity.order.rcu.toFixed(1)} RCU + ${capacity.order.wcu.toFixed(1)} WCU (p50 ${percentile(orderDurations, 50).toFixed(1)} ms)`,
    );
  } finally {
    meter.uninstall();
  }

  // 2. The morning: all deliveries at once, tills listening, buyers checking out.
  const morning = await plan(stalls, scale.paymentsPerStall);
  const day = vietnamDay(new Date());
  const before = new Map(
    await Promise.all(
      stalls.map(async (stall) => [stall.stallId, await store.stallDayTotal(stall.stallId, day)] as const),
    ),
  );
  const tillConnections = Math.max(3, Math.round(stalls.length / 10));
  const tills = await connectTills(api, tillConnections);
  const outcomes = new Map<string, number>();
  let forgeriesAccepted = 0;
  let next = 0;
  let done = false;
  const tillSamples: number[] = [];
  const checkoutSamples: number[] = [];
  let checkoutFailures = 0;
  started = performance.now();
  const webhooks = Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < morning.deliveries.length) {
        const item = morning.deliveries[next++] as Delivery;
        const outcome = await deliver(api, item);
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
        if (item.kind === 'forged' && outcome !== 'rejected') forgeriesAccepted++;
      }
    }),
  ).then(() => {
    done = true;
  });
  const tillProbe = (async () => {
    for (let i = 0; !done; i++) {
      const vendor = tillVendors[i % tillVendors.length] as (typeof tillVendors)[number];
      const transactionId = `T${run}${i}`;
      const arrived = new Promise<number>((resolve) =>
        tills.waiting.set(`${vendor.provider}#${transactionId}`, resolve),
      );
      const timeout = new Promise<number>((resolve) =>
        setTimeout(() => resolve(Number.POSITIVE_INFINITY), 5000),
      );
      const sent = performance.now();
      const stall = { ...vendor, stallId: vendor.stallId, marketId: '', vendorId: '', stallCode: '' };
      await deliver(api, { stall, body: signed(stall, transactionId, 10_000 + i * 1000, 'tra tien') });
      tillSamples.push((await Promise.race([arrived, timeout])) - sent);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();
  const buyers = Promise.all(
    Array.from({ length: BUYERS }, async (_, b) => {
      for (let i = 0; !done; i++) {
        // Browsing between checkouts: a search and a product page.
        await (await fetch(`${api}/search?q=${encodeURIComponent('vai thieu')}`)).arrayBuffer();
        try {
          checkoutSamples.push(
            await checkout(api, await newBuyer(), (products[(b + i) % products.length] as { id: string }).id),
          );
        } catch {
          checkoutFailures++;
        }
      }
    }),
  );
  await webhooks;
  const elapsedS = (performance.now() - started) / 1000;
  await Promise.all([tillProbe, buyers]);
  await tills.close();
  // Secrets of this run's channels stay in the bench's throwaway data dir only.
  secretsCache = undefined;

  // 3. The books against the plan.
  let doubleCredits = 0;
  let wrongCredits = forgeriesAccepted;
  let missing = 0;
  for (const stall of stalls) {
    const was = before.get(stall.stallId) ?? { count: 0, totalVnd: 0 };
    const now = await store.stallDayTotal(stall.stallId, day);
    const due = morning.due.get(stall.stallId) ?? { count: 0, totalVnd: 0 };
    const count = now.count - was.count;
    const totalVnd = now.totalVnd - was.totalVnd;
    doubleCredits += Math.max(0, count - due.count);
    missing += Math.max(0, due.count - count);
    if (count === due.count && totalVnd !== due.totalVnd) wrongCredits++;
  }
  for (const [code, expected] of morning.sales) {
    const sale = await store.getSale(code);
    const received = sale ? (sale.receivedVnd ?? sale.paidAmountVnd ?? 0) : -1;
    if (!sale || sale.status !== expected.status || received !== expected.receivedVnd) wrongCredits++;
  }
  db.raw.destroy();
  const deliveries = morning.deliveries.length;
  const webhookRps = Math.round(deliveries / elapsedS);
  log(
    `morning: ${deliveries} deliveries over ${stalls.length} stalls in ${elapsedS.toFixed(1)} s (${webhookRps} req/s), outcomes ${JSON.stringify(Object.fromEntries(outcomes))}, missing ${missing}; till p50 ${percentile(tillSamples, 50).toFixed(0)} ms p99 ${percentile(tillSamples, 99).toFixed(0)} ms over ${tillSamples.length} samples and ${tillConnections} connections; checkout p95 ${percentile(checkoutSamples, 95).toFixed(0)} ms over ${checkoutSamples.length} (${checkoutFailures} failed)`,
  );
  return {
    stalls: stalls.length,
    deliveries,
    forged: morning.deliveries.filter((item) => item.kind === 'forged').length,
    duplicates: morning.deliveries.filter((item) => item.kind === 'duplicate').length,
    outcomes: Object.fromEntries(outcomes),
    webhookRps,
    tillSamples,
    checkoutSamples,
    checkoutFailures,
    doubleCredits,
    wrongCredits,
    missing,
    capacity,
    paymentMs: percentile(quietDurations, 50),
  };
}

export const area: BenchArea = {
  name: 'province',
  needsStack: true,
  floors: {
    'province.doubleCredits': { op: '==', value: 0 },
    'province.wrongCredits': { op: '==', value: 0 },
    'province.tillP99Ms': { op: '<=', value: 1000 },
    'province.webhookRps': { op: '>=', value: 500 },
  },
  async run(ctx) {
    const m = await provinceMorning(ctx.apiUrl as string, BENCH_SCALE, ctx.log);
    if (m.missing > 0) throw new Error(`${m.missing} genuine payments were not credited`);
    const { capacity, paymentMs, webhookRps, tillSamples, checkoutSamples, doubleCredits, wrongCredits } = m;
    const cost = provinceCost({ capacity, paymentMs });
    writeProvinceCostModel(cost, { capacity, paymentMs, webhookRps, stalls: m.stalls });
    return {
      'province.stalls': m.stalls,
      'province.deliveries': m.deliveries,
      'province.webhookRps': webhookRps,
      'province.tillP50Ms': Math.round(percentile(tillSamples, 50)),
      'province.tillP99Ms': Math.round(percentile(tillSamples, 99)),
      'province.checkoutP95Ms': Math.round(percentile(checkoutSamples, 95)),
      'province.checkouts': checkoutSamples.length,
      'province.doubleCredits': doubleCredits,
      'province.wrongCredits': wrongCredits,
      'province.rcuPerPayment': Number(capacity.payment.rcu.toFixed(1)),
      'province.wcuPerPayment': Number(capacity.payment.wcu.toFixed(1)),
      'province.rcuPerOrder': Number(capacity.order.rcu.toFixed(1)),
      'province.wcuPerOrder': Number(capacity.order.wcu.toFixed(1)),
      'province.gbSecondsPerPayment': Number(cost.gbSecondsPerPayment.toFixed(4)),
      'province.usdPerMonth1x': Number(cost.usdPerMonth[0].toFixed(2)),
      'province.usdPerMonth10x': Number(cost.usdPerMonth[1].toFixed(2)),
      'province.usdPerMonth100x': Number(cost.usdPerMonth[2].toFixed(2)),
    };
  },
};
