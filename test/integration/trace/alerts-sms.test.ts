import { existsSync, readFileSync } from 'node:fs';
import { codeOfLot, serialToken, type TraceDeps, viewTrace } from '@chophien/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedLots, seedTeaSerials } from '../../../infra/local/src/seed/trace.ts';
import { farmers } from '../../../infra/local/src/seed/users.ts';
import { traceDeps } from '../../../site/src/features/trace/services.ts';
import { startTestApi, type TestApi } from '../../support/api.ts';

/**
 * Clone warnings text the farm's owner (contract C5) through the wiring the trace page uses
 * (site/src/features/trace/services.ts): real DynamoDB Local for the claim, the local outbox file for the SMS.
 */
let api: TestApi;
let deps: TraceDeps;
let outbox: string;
const tea = seedLots[0]!;

beforeAll(async () => {
  api = await startTestApi();
  outbox = process.env.CHOPHIEN_OUTBOX_FILE!;
  deps = traceDeps();
});
afterAll(async () => {
  await api?.stop();
});

const sentTo = (serial: string) =>
  existsSync(outbox)
    ? readFileSync(outbox, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { to: string; text: string; at: string })
        .filter((m) => m.text.includes(serial))
    : [];

/** A scan from a network (clone evidence counts networks, decision 0905), optionally located by the edge. */
let nextNetwork = 0;
const scan = (
  serial: string,
  extra: { region?: string; at?: Date; address?: string; observedRegion?: string } = {},
) => {
  const code = codeOfLot(tea, serial);
  const withClock = extra.at ? { ...deps, now: () => extra.at! } : deps;
  nextNetwork += 1;
  return viewTrace(withClock, code, {
    token: serialToken(deps.config.signingSecret, code),
    clientAddress: extra.address ?? `10.${Math.floor(nextNetwork / 250)}.${nextNetwork % 250}.7`,
    ...(extra.region ? { region: extra.region } : {}),
    ...(extra.observedRegion ? { observedRegion: extra.observedRegion } : {}),
  });
};

describe('clone warning SMS to the producer', () => {
  it('the local runtime points the outbox into its data dir', () => {
    expect(outbox).toMatch(/chophien-api-.*\/outbox\.jsonl$/);
  });

  it('scanning from more networks than the threshold appends exactly one line, even under 10 parallel scans', async () => {
    const serial = seedTeaSerials[2]!;
    for (let i = 0; i < 20; i++) await scan(serial);
    expect(sentTo(serial)).toHaveLength(0);
    const views = await Promise.all(Array.from({ length: 10 }, () => scan(serial)));
    expect(
      views.every((v) => v.status === 'found' && v.authenticity.kind === 'serial' && v.authenticity.clone),
    ).toBe(true);
    const sent = sentTo(serial);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.to).toBe(farmers[0]!.phone);
    expect(sent[0]!.text).toContain('Chè Thái Nguyên búp Tân Cương');
    expect(sent[0]!.text).toContain(`lô ${tea.lotCode}, sê-ri ${serial}`);
    expect(sent[0]!.text).toMatch(/đã được quét từ \d+ mạng Internet khác nhau/);
    expect(sent[0]!.text).toContain('/nong-dan');
    // More scans within the hour: still one message.
    await Promise.all(Array.from({ length: 10 }, () => scan(serial)));
    expect(sentTo(serial)).toHaveLength(1);
  });

  it('an hour later the next suspicious scan texts again (once)', async () => {
    const serial = seedTeaSerials[2]!;
    const later = new Date(Date.now() + 61 * 60_000);
    await Promise.all(Array.from({ length: 10 }, () => scan(serial, { at: later })));
    expect(sentTo(serial)).toHaveLength(2);
  });

  it('two places the edge observed within an hour: the message says so and names the provinces buyers gave', async () => {
    const serial = seedTeaSerials[3]!;
    await scan(serial, { region: 'Thái Nguyên', observedRegion: 'VN-TN' });
    expect(sentTo(serial)).toHaveLength(0);
    await Promise.all([
      scan(serial, { region: 'Cà Mau', observedRegion: 'VN-CM' }),
      scan(serial, { region: 'Cà Mau', observedRegion: 'VN-CM' }),
    ]);
    const sent = sentTo(serial);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toContain(
      'được quét ở nhiều tỉnh khác nhau trong thời gian ngắn (người mua cho biết: Thái Nguyên, Cà Mau)',
    );
    // The stored alert (GET /trace/alerts) is still there for the dashboard.
    const alerts = await api.request('GET', '/trace/alerts', {
      token: await api.tokenFor({ phone: farmers[0]!.phone }),
    });
    expect(alerts.json.alerts.map((a: { serial: string }) => a.serial)).toContain(serial);
  });

  it('forged tokens never text anyone', async () => {
    const serial = seedTeaSerials[4]!;
    const code = codeOfLot(tea, serial);
    await Promise.all(Array.from({ length: 25 }, () => viewTrace(deps, code, { token: 'AAAAAAAAAAAAAAAA' })));
    expect(sentTo(serial)).toHaveLength(0);
  });
});
