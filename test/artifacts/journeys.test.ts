/**
 * The four journeys through the synthesized platform as AWS would run it (docs/decisions/0304):
 * requests enter at the CloudFront distribution or the HTTP API, pass the JWT authorizer, reach each
 * bundle under its own role; payments arrive as the bank signs them; the till hears them over the
 * WebSocket API's management API after the table's stream reaches the push function.
 * People hold Cognito-shaped ID tokens; the storefront knows them by the `cp_token` cookie.
 */
import { vietnamDay } from '@chophien/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { runSmoke } from '../../infra/aws/smoke/checks.ts';
import { seedId } from '../../infra/local/src/seed/ids.ts';
import { seedPayoutChannels } from '../../infra/local/src/seed/marketplace.ts';
import { seedAccounts } from '../../infra/local/src/seed/markets-data.ts';
import { seedFarmId } from '../../infra/local/src/seed/trace.ts';
import { decodeFirstLabel } from '../support/qr-label.ts';
import { bootstrap, useHarness } from './support.ts';

const phones = {
  officer: '+84987000031',
  buyer: '+84987000001',
  vendor: '+84987000011',
  manager: '+84987000021',
};
const TEA = seedId('prod', 1);
const MARKET = seedId('market', 1);
const STALL = { id: seedId('stall', 1), code: 'TD-A01' };

const client = useHarness();
beforeAll(async () => {
  await bootstrap(client());
});

/** An href as the browser reads it from the HTML. */
const hrefIn = (html: string, pattern: RegExp) => pattern.exec(html)?.[1]?.replace(/&#38;|&amp;/g, '&');

/** What a browser sends back to the site: the session cookie, only to the host that set it. */
const browserCookie = (url: string, siteUrl: string, token: string) =>
  new URL(url).host === new URL(siteUrl).host ? `cp_token=${token}` : undefined;

describe('journey A: a commune officer registers a lot and prints its labels', () => {
  it('lot on the household’s farm → label sheet → the QR resolves on the brand domain', async () => {
    const { apiUrl, siteUrl, request } = client();
    const token = await client().tokenFor(phones.officer);
    const lot = await request(`${apiUrl}/trace/farms/${seedFarmId(1)}/lots`, {
      method: 'POST',
      token,
      body: {
        productName: { vi: 'Chè búp Tân Cương', en: 'Tan Cuong bud tea' },
        quantity: 40,
        unit: 'kg',
        harvestDate: '2026-11-10',
      },
    });
    expect(lot.status, lot.text).toBe(201);
    const labels = await request(`${apiUrl}/trace/lots/${lot.json.id}/labels?copies=1`, { token });
    expect(labels.status, labels.text).toBe(200);
    const uri = decodeFirstLabel(labels.text);
    expect(uri).toBeDefined();
    // Printed labels are permanent: they carry the brand domain, never an API hostname.
    expect(new URL(uri!).origin).toBe(siteUrl);
    // The producer desk prints the same lot through the storefront: the same public base.
    const desk = await request(`${siteUrl}/nong-dan/lo/${lot.json.id}/tem?copies=1`, {
      cookie: `cp_token=${token}`,
    });
    expect(desk.status, desk.text.slice(0, 200)).toBe(200);
    expect(new URL(decodeFirstLabel(desk.text)!).origin).toBe(siteUrl);
    const scan = await request(uri!, {
      headers: { accept: 'text/html', 'user-agent': 'Mozilla/5.0 (Linux; Android 14)' },
    });
    expect([200, 302, 307], scan.text).toContain(scan.status);
  });
});

describe('a farmer’s photo upload, presigned by the API', () => {
  it('goes straight to the bucket under uploads/, signed with the upload-request role (PutObject only)', async () => {
    const { apiUrl, request, harness } = client();
    const token = await client().tokenFor('+84912000001');
    const bytes = Buffer.from('not yet a photo: confirm reads and checks the bytes');
    const asked = await request(`${apiUrl}/listings/${TEA}/photos/uploads`, {
      method: 'POST',
      token,
      body: { contentType: 'image/jpeg', contentLength: bytes.length },
    });
    expect(asked.status, asked.text).toBe(201);
    const target = new URL(asked.json.upload.url);
    expect(target.pathname).toMatch(/\/uploads\//);
    const put = await harness.fetch(target.href, {
      method: 'PUT',
      headers: { ...asked.json.upload.headers, 'content-length': String(bytes.length) },
      body: bytes,
    });
    expect(put.status).toBe(200);
    const stored = [...harness.aws.objects.keys()].filter((key) => key.includes('/uploads/'));
    expect(stored).toHaveLength(1);
  });
});

describe('journey B: a buyer’s order is paid by the bank’s signed notification', () => {
  it('order → payOS notification to the farmer’s channel → the order is paid, once', async () => {
    const { apiUrl, request } = client();
    const token = await client().tokenFor(phones.buyer);
    const placed = await request(`${apiUrl}/orders`, {
      method: 'POST',
      token,
      body: {
        items: [{ productId: TEA, packId: '100-g-pack', quantity: 2 }],
        fulfilment: 'pickup',
        contact: { name: 'Trần Minh Anh', phone: '0987000001', address: 'Số 5 Hàng Bạc, Hà Nội' },
      },
    });
    expect(placed.status, placed.text).toBe(201);
    const order = placed.json.orders[0];
    const payout = seedPayoutChannels[0]!;
    const channel = {
      id: payout.channelId,
      provider: payout.provider,
      accountNumber: payout.account.accountNumber,
    };
    const transfer = {
      transactionId: `tx-${order.code}`,
      amountVnd: order.totalVnd,
      memo: `CK ${order.code}`,
    };
    const first = await client().bankNotifies(channel, transfer);
    expect(first.status, JSON.stringify(first.json)).toBe(200);
    const again = await client().bankNotifies(channel, transfer);
    expect(again.status).toBe(200);
    const after = await request(`${apiUrl}/orders/${order.id}`, { token });
    expect(after.json).toMatchObject({ status: 'paid', paidVnd: order.totalVnd });
  });
});

describe('journey C: a vendor’s till hears a payment over the WebSocket API', () => {
  it('till page (cookie) → ticket → $connect → bank pays the stall → stream → postToConnection', async () => {
    const { siteUrl, request, harness } = client();
    const token = await client().tokenFor(phones.vendor);
    const page = await request(`${siteUrl}/quay-thu`, { cookie: `cp_token=${token}` });
    expect(page.status).toBe(200);
    const feedUrl = /"url":"(wss:[^"]+)"/.exec(page.text)?.[1];
    expect(feedUrl, 'the till page has a WebSocket feed (its ticket came from the API)').toBeDefined();
    const socketApi = harness.webSocketApis[0]!;
    const feed = new URL(feedUrl!.replace(/\\u0026/g, '&'));
    expect(`${feed.origin.replace(/^wss:/, 'wss:')}${feed.pathname}`).toBe(socketApi.url);
    const opened = await socketApi.connect({ ticket: feed.searchParams.get('ticket')! });
    expect(opened.status).toBe(200);
    // A ticket opens one socket only.
    expect((await socketApi.connect({ ticket: feed.searchParams.get('ticket')! })).status).toBe(401);

    const account = seedAccounts[0]!;
    const paid = await client().bankNotifies(
      { id: account.channelId, provider: account.provider, accountNumber: account.accountNumber },
      { transactionId: `tx-till-${Date.now()}`, amountVnd: 37_000, memo: STALL.code },
    );
    expect(paid.status, JSON.stringify(paid.json)).toBe(200);
    const delivered = await harness.drainStreams();
    expect(delivered.every((outcome) => outcome.ok)).toBe(true);
    expect(opened.connection!.frames.map((frame) => JSON.parse(frame))).toEqual([
      expect.objectContaining({ amountVnd: 37_000, stallId: STALL.id }),
    ]);
    await socketApi.disconnect(opened.connection!);
  });
});

describe('journey D: a market manager reads the day and downloads its ledger', () => {
  it('day figures by API; the console’s CSV link works with the cookie session', async () => {
    const { apiUrl, siteUrl, request } = client();
    const token = await client().tokenFor(phones.manager);
    const account = seedAccounts[0]!;
    const paid = await client().bankNotifies(
      { id: account.channelId, provider: account.provider, accountNumber: account.accountNumber },
      { transactionId: `tx-day-${Date.now()}`, amountVnd: 64_000, memo: STALL.code },
    );
    expect(paid.status, JSON.stringify(paid.json)).toBe(200);
    const day = vietnamDay(new Date());
    const figures = await request(`${apiUrl}/markets/${MARKET}/days/${day}`, { token });
    expect(figures.status, figures.text).toBe(200);
    expect(figures.json.figures.cashlessCount).toBeGreaterThan(0);

    const consolePage = await request(`${siteUrl}/quan-ly-cho?cho=${MARKET}&ngay=${day}`, {
      cookie: `cp_token=${token}`,
    });
    expect(consolePage.status).toBe(200);
    const href = hrefIn(consolePage.text, /<a href="([^"]+)" download/);
    expect(href).toBeDefined();
    const link = new URL(href!, siteUrl).href;
    const cookie = browserCookie(link, siteUrl, token);
    const csv = await request(link, cookie ? { cookie } : {});
    expect(csv.status, `${link} → ${csv.text.slice(0, 200)}`).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(csv.text).toContain(STALL.code);
  });

  it('the vendor’s standee link works with the cookie session', async () => {
    const { siteUrl, request } = client();
    const token = await client().tokenFor(phones.vendor);
    const sellPage = await request(`${siteUrl}/ban-hang`, { cookie: `cp_token=${token}` });
    expect(sellPage.status).toBe(200);
    const href = hrefIn(sellPage.text, /<a href="([^"]+(?:standee|bang-qr)[^"]*)"/);
    expect(href, 'the sell page links the standee').toBeDefined();
    const link = new URL(href!, siteUrl).href;
    const cookie = browserCookie(link, siteUrl, token);
    const standee = await request(link, cookie ? { cookie } : {});
    expect(standee.status, `${link} → ${standee.text.slice(0, 200)}`).toBe(200);
  });
});

describe('npm run smoke', () => {
  it('passes against the synthesized platform (brand domain and API), moving no money', async () => {
    const { siteUrl, apiUrl, harness } = client();
    const results = await runSmoke({ url: siteUrl, api: apiUrl, fetch: harness.fetch as typeof fetch });
    expect(results.filter((result) => !result.ok)).toEqual([]);
    expect(results).toHaveLength(9);
  });
});

describe('what the journeys did on AWS', () => {
  it('made no call the role does not grant and none the harness does not model', () => {
    expect(client().harness.aws.denials()).toEqual([]);
    expect(client().harness.aws.unsupported).toEqual([]);
  });
});
