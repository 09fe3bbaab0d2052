import { readFileSync } from 'node:fs';
import {
  checkScratchPin,
  codeOfLot,
  parseCodePath,
  scratchPin,
  serialToken,
  type TraceDeps,
  traceConfig,
  viewTrace,
} from '@chophien/core';
import { attemptCounter, productRepository, traceRepository, userRepository } from '@chophien/db';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedLotId, seedLots, seedTeaGtin, seedTeaSerials } from '../../../infra/local/src/seed/trace.ts';
import { farmers } from '../../../infra/local/src/seed/users.ts';
import { startTestApi, type TestApi } from '../../support/api.ts';
import { decodeFirstLabel } from '../../support/qr-label.ts';

let api: TestApi;
let deps: TraceDeps;
let ownerToken: string;
const tea = seedLots[0]!;
const lychee = seedLots[1]!;

beforeAll(async () => {
  api = await startTestApi();
  deps = {
    trace: traceRepository(api.db),
    users: userRepository(api.db),
    products: productRepository(api.db),
    config: traceConfig(),
    attempts: attemptCounter(api.db),
  };
  ownerToken = await api.tokenFor({ phone: farmers[0]!.phone });
});
afterAll(async () => {
  await api?.stop();
});

/** fetch without following redirects, to see what the resolver answers. */
const raw = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${api.url}${path}`, { headers, redirect: 'manual' });

const schema = JSON.parse(
  readFileSync(
    new URL('../../../packages/gs1/test/fixtures/epcis/EPCIS-JSON-Schema.json', import.meta.url),
    'utf8',
  ),
);
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validateEpcis = ajv.compile(schema);

describe('resolver content negotiation', () => {
  const teaPath = `/01/${seedTeaGtin}/10/${tea.lotCode}`;

  it('a browser is sent (307) to the trace page, keeping the token', async () => {
    const res = await raw(`${teaPath}/21/${seedTeaSerials[0]}?t=abc`, { accept: 'text/html' });
    expect(res.status).toBe(307);
    expect(res.headers.get('location')).toMatch(
      new RegExp(`/truy-xuat/01/${seedTeaGtin}/10/${tea.lotCode}/21/${seedTeaSerials[0]}\\?t=abc$`),
    );
    expect(res.headers.get('link')).toContain('rel="linkset"');
  });

  it('Accept: application/linkset+json returns the GS1 linkset', async () => {
    const res = await raw(teaPath, { accept: 'application/linkset+json' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/linkset+json');
    const body = await res.json();
    const links = body.linkset[0];
    expect(links.anchor).toContain(teaPath);
    expect(links['https://gs1.org/voc/pip'][0].href).toContain(`/truy-xuat${teaPath}`);
    expect(links['https://gs1.org/voc/traceability'][0].href).toContain('/epcis/events?lot=TC261020-A');
  });

  it('?linkType=linkset works the same, and GTIN-13 is accepted leniently', async () => {
    const res = await raw(`/01/${seedTeaGtin.slice(1)}/10/${tea.lotCode}?linkType=linkset`);
    expect(res.status).toBe(200);
    expect((await res.json()).linkset).toHaveLength(1);
  });

  it('the platform lot-level form resolves too', async () => {
    const page = await raw(`/l/${lychee.lotCode}`);
    expect(page.status).toBe(307);
    expect(page.headers.get('location')).toMatch(new RegExp(`/truy-xuat/l/${lychee.lotCode}$`));
    const linkset = await raw(`/l/${lychee.lotCode}?linkType=linkset`);
    expect(linkset.status).toBe(200);
  });

  it('an unknown code: 404 for machines, the page (with its warning) for browsers', async () => {
    const machine = await raw(`/01/${seedTeaGtin}/10/NOPE-1`, { accept: 'application/linkset+json' });
    expect(machine.status).toBe(404);
    expect((await machine.json()).error.code).toBe('not_registered');
    const browser = await raw(`/01/${seedTeaGtin}/10/NOPE-1`);
    expect(browser.status).toBe(307);
    expect(browser.headers.get('location')).toContain('/truy-xuat/01/');
  });

  it('a GTIN with a wrong check digit is 400 for machines', async () => {
    const bad = `${seedTeaGtin.slice(0, 13)}${(Number(seedTeaGtin[13]) + 1) % 10}`;
    const res = await raw(`/01/${bad}/10/${tea.lotCode}?linkType=linkset`);
    expect(res.status).toBe(400);
  });
});

describe('EPCIS', () => {
  it.each([
    ['tea (GTIN lot)', `lot=${tea.lotCode}&gtin=${seedTeaGtin}`],
    ['lychee (platform lot)', `lot=${lychee.lotCode}`],
    ['by lot id', `lot=${seedLotId(1)}`],
  ])(
    'GET /epcis/events for %s validates against the official EPCIS 2.0 JSON Schema',
    async (_name, query) => {
      const res = await api.request('GET', `/epcis/events?${query}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('application/ld+json');
      const valid = validateEpcis(res.json);
      expect(valid, JSON.stringify(validateEpcis.errors?.slice(0, 3))).toBe(true);
      const steps = res.json.epcisBody.eventList.map((e: { bizStep: string }) => e.bizStep);
      expect(steps).toEqual(
        expect.arrayContaining([
          'https://chophien.vn/voc/bizstep/harvesting',
          'packing',
          'shipping',
          'receiving',
        ]),
      );
      expect(res.json.epcisBody.eventList.map((e: { type: string }) => e.type)).toContain(
        'TransformationEvent',
      );
    },
  );

  it('the lychee chain has a custom cooling step and the harvest carries the planting-area code', async () => {
    const res = await api.request('GET', `/epcis/events?lot=${lychee.lotCode}`);
    const events = res.json.epcisBody.eventList;
    expect(events.map((e: { bizStep: string }) => e.bizStep)).toContain(
      'https://chophien.vn/voc/bizstep/cooling',
    );
    const harvest = events.find((e: { bizStep: string }) => e.bizStep.endsWith('/harvesting'));
    expect(harvest.ilmd['cp:plantingAreaCode']).toBe('VN-HDOR-0105');
  });

  it('an unknown lot is 404', async () => {
    expect((await api.request('GET', '/epcis/events?lot=NOPE')).status).toBe(404);
  });
});

describe('labels', () => {
  it('a lot label sheet’s QR decodes (jsQR) to a Digital Link that resolves to the lot', async () => {
    const res = await api.request('GET', `/trace/lots/${seedLotId(1)}/labels?size=50x30&copies=3`, {
      token: ownerToken,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('image/svg+xml');
    expect(res.text).toContain('Chè Thái Nguyên búp Tân Cương');
    expect(res.text).toContain('VN-TNOR-0012');
    expect(res.text).toContain(`(01)${seedTeaGtin}(10)TC261020-A`);
    expect(res.text).toContain('20/10/2026');
    const uri = decodeFirstLabel(res.text);
    expect(uri).toBeDefined();
    const url = new URL(uri!);
    expect(url.pathname).toBe(`/01/${seedTeaGtin}/10/TC261020-A`);
    const resolved = await raw(`${url.pathname}${url.search}?linkType=linkset`.replace('??', '?'));
    expect(resolved.status).toBe(200);
  });

  it('serial labels carry a signed token that the resolver passes on, and the platform form works for GTIN-less lots', async () => {
    const res = await api.request('GET', `/trace/lots/${seedLotId(1)}/labels?serials=true&size=70x40`, {
      token: ownerToken,
    });
    const uri = decodeFirstLabel(res.text)!;
    const url = new URL(uri);
    expect(url.searchParams.get('t')).toHaveLength(16);
    const page = await raw(`${url.pathname}${url.search}`);
    expect(page.status).toBe(307);
    expect(page.headers.get('location')).toContain(`?t=${url.searchParams.get('t')}`);
    const lycheeOwner = await api.tokenFor({ phone: farmers[4]!.phone });
    const platform = await api.request('GET', `/trace/lots/${seedLotId(2)}/labels?copies=1`, {
      token: lycheeOwner,
    });
    const platformUri = decodeFirstLabel(platform.text)!;
    expect(new URL(platformUri).pathname).toBe(`/l/${lychee.lotCode}`);
    expect(platform.text).toContain(`Mã lô ${lychee.lotCode}`);
  });
});

describe('authenticity: signed serials, scan log, clone warning, scratch PIN', () => {
  const code = (serial: string) => codeOfLot(tea, serial);
  const token = (serial: string) => serialToken(deps.config.signingSecret, code(serial));

  it('a genuine serial shows first-scan time and count; a forged token or unknown serial is not genuine', async () => {
    const serial = seedTeaSerials[0]!;
    const first = await viewTrace(deps, code(serial), {
      token: token(serial),
      userAgent: 'Mozilla/5.0 (Linux; Android 13) Mobile',
    });
    expect(first.status).toBe('found');
    if (first.status !== 'found' || first.authenticity.kind !== 'serial')
      throw new Error('expected serial view');
    expect(first.authenticity.genuine).toBe(true);
    expect(first.authenticity.scanCount).toBe(1);
    const second = await viewTrace(deps, code(serial), { token: token(serial) });
    if (second.status !== 'found' || second.authenticity.kind !== 'serial')
      throw new Error('expected serial view');
    expect(second.authenticity.scanCount).toBe(2);
    expect(second.authenticity.firstScanAt).toBe(first.authenticity.firstScanAt);

    const forged = await viewTrace(deps, code(serial), { token: `${token(serial).slice(0, 15)}A` });
    if (forged.status !== 'found' || forged.authenticity.kind !== 'serial')
      throw new Error('expected serial view');
    expect(forged.authenticity.genuine).toBe(false);
    const invented = await viewTrace(deps, code('ZZZZZZZZZZ'), { token: token('ZZZZZZZZZZ') });
    if (invented.status !== 'found' || invented.authenticity.kind !== 'serial')
      throw new Error('expected serial view');
    expect(invented.authenticity.genuine).toBe(false);
    // forged scans do not move the genuine item's counter
    const third = await viewTrace(deps, code(serial), { token: token(serial) });
    if (third.status !== 'found' || third.authenticity.kind !== 'serial')
      throw new Error('expected serial view');
    expect(third.authenticity.scanCount).toBe(3);
  });

  const cloneOf = (view: Awaited<ReturnType<typeof viewTrace>>) => {
    if (view.status !== 'found' || view.authenticity.kind !== 'serial')
      throw new Error('expected serial view');
    return view.authenticity.clone;
  };
  const alertsFor = async (serial: string) =>
    (await api.request('GET', '/trace/alerts', { token: ownerToken })).json.alerts.filter(
      (a: { serial: string }) => a.serial === serial,
    );

  it('a stranger typing made-up provinces (?vung=) cannot make a genuine code look cloned', async () => {
    const serial = seedTeaSerials[1]!;
    const provinces = ['Thái Nguyên', 'Cà Mau', 'Lai Châu', 'Hà Nội', 'Điện Biên', 'An Giang'];
    for (let i = 0; i < 30; i++) {
      const view = await viewTrace(deps, code(serial), {
        token: token(serial),
        region: provinces[i % provinces.length],
        clientAddress: '203.0.113.9',
      });
      expect(cloneOf(view)).toBeUndefined();
    }
    expect(await alertsFor(serial)).toHaveLength(0);
  });

  it('two places the edge observed within an hour, from two networks, show a warning and alert the producer once', async () => {
    const serial = seedTeaSerials[1]!;
    await viewTrace(deps, code(serial), {
      token: token(serial),
      clientAddress: '198.51.100.20',
      observedRegion: 'VN-TN',
    });
    const view = await viewTrace(deps, code(serial), {
      token: token(serial),
      clientAddress: '192.0.2.44',
      observedRegion: 'VN-CM',
    });
    expect(cloneOf(view)).toBe('implausible_places');
    await viewTrace(deps, code(serial), {
      token: token(serial),
      clientAddress: '192.0.2.45',
      observedRegion: 'VN-CM',
    });
    expect(await alertsFor(serial)).toHaveLength(1);
  });

  it('a thousand reloads from one network are one network; more than 20 networks show a warning', async () => {
    const serial = seedTeaSerials[2]!;
    let last: Awaited<ReturnType<typeof viewTrace>> | undefined;
    for (let i = 0; i < 25; i++)
      last = await viewTrace(deps, code(serial), { token: token(serial), clientAddress: `203.0.113.${i}` });
    expect(cloneOf(last!)).toBeUndefined();
    // Simultaneous scans from one new network count it once.
    await Promise.all(
      Array.from({ length: 8 }, () =>
        viewTrace(deps, code(serial), { token: token(serial), clientAddress: '100.64.1.1' }),
      ),
    );
    for (let n = 0; n < 19; n++)
      last = await viewTrace(deps, code(serial), { token: token(serial), clientAddress: `100.65.${n}.1` });
    // 1 + 1 + 19 = 21 networks: past the limit of 20.
    expect(cloneOf(last!)).toBe('too_many_scans');
  });

  it('the first correct scratch PIN marks the item sold; later checks say when; concurrent checks sell it once', async () => {
    const serial = seedTeaSerials[3]!;
    const pin = scratchPin(deps.config.signingSecret, code(serial));
    const results = await Promise.all(
      Array.from({ length: 5 }, () => checkScratchPin(deps, code(serial), token(serial), pin)),
    );
    expect(results.filter((r) => r.result === 'sold_now')).toHaveLength(1);
    expect(results.filter((r) => r.result === 'already_sold')).toHaveLength(4);
    const view = await viewTrace(deps, code(serial), { token: token(serial) });
    if (view.status !== 'found' || view.authenticity.kind !== 'serial')
      throw new Error('expected serial view');
    expect(view.authenticity.soldAt).toBeDefined();
  });

  it('wrong PINs lock the check after five tries', async () => {
    const serial = seedTeaSerials[4]!;
    const pin = scratchPin(deps.config.signingSecret, code(serial));
    const wrong = pin === '000000' ? '000001' : '000000';
    const outcomes = [];
    for (let i = 0; i < 5; i++)
      outcomes.push((await checkScratchPin(deps, code(serial), token(serial), wrong)).result);
    expect(outcomes).toEqual(['wrong_pin', 'wrong_pin', 'wrong_pin', 'wrong_pin', 'locked']);
    expect((await checkScratchPin(deps, code(serial), token(serial), pin)).result).toBe('locked');
  });

  it('an unknown code is reported as not registered', async () => {
    const parsed = parseCodePath(`/01/${seedTeaGtin}/10/UNKNOWN`)!;
    expect((await viewTrace(deps, parsed, {})).status).toBe('not_registered');
  });

  it('the trace view has what the page needs: farm, certifications with status, buy link, map', async () => {
    const view = await viewTrace(deps, codeOfLot(lychee), {});
    if (view.status !== 'found') throw new Error('expected found');
    expect(view.farm.plantingAreaCode).toBe('VN-HDOR-0105');
    expect(view.certifications.map((c) => c.status)).toContain('valid');
    expect(view.productSlug).toBe('vai-thieu-thanh-ha');
    expect(view.mapUrl).toContain('openstreetmap.org');
    expect(view.events[0]!.type).toBe('input');
  });
});
