import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../src/epcis/sha256.ts';
import {
  CBV_BIZ_STEPS,
  CBV_DISPOSITIONS,
  CHOPHIEN_BIZ_STEPS,
  digitalLinkClass,
  digitalLinkInstance,
  EPCIS_CONTEXT_URL,
  type EpcisEvent,
  epcisDocument,
  eventId,
  Gs1Error,
  harvestIlmd,
  objectEvent,
  parseDigitalLink,
  transformationEvent,
} from '../src/index.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/epcis/${name}`, import.meta.url), 'utf8');
const schema = JSON.parse(fixture('EPCIS-JSON-Schema.json')) as Record<string, unknown>;

// The official schema declares draft-07, which is Ajv's default dialect. strict:false because the official
// file uses constructs Ajv's strict mode merely warns about (e.g. anyOf branches without "type").
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

function expectValid(doc: unknown): void {
  const valid = validate(doc);
  expect(valid, JSON.stringify(validate.errors?.slice(0, 5), null, 1)).toBe(true);
}

const GTIN = '08931234567897';
const LOT = 'L2405';
const lotClass = digitalLinkClass({ gtin: GTIN, lot: LOT });
const farm = 'https://id.gs1.org/414/8931234000004';
const harvestAt = new Date('2024-05-01T01:30:00Z');

function harvestEvent(): EpcisEvent {
  return objectEvent({
    action: 'ADD',
    eventTime: harvestAt,
    bizStep: 'harvesting',
    disposition: 'active',
    readPoint: farm,
    bizLocation: farm,
    quantityList: [{ epcClass: lotClass, quantity: 120.5, uom: 'KGM' }],
    ilmd: harvestIlmd({
      plantingAreaCode: 'VN-DTOR-0017',
      harvestDate: '2024-05-01',
      farm: 'https://chophien.vn/farm/f-123',
    }),
  });
}

describe('official EPCIS 2.0 schema (validator set-up is real)', () => {
  it('accepts the official GS1 examples', () => {
    expectValid(JSON.parse(fixture('Example_9.6.1-ObjectEventWithDigitalLink.jsonld')));
    expectValid(JSON.parse(fixture('Example_9.6.4-TransformationEvent.jsonld')));
  });

  it('rejects documents that break it', () => {
    const example = JSON.parse(fixture('Example_9.6.1-ObjectEventWithDigitalLink.jsonld'));
    const noOffset = structuredClone(example);
    delete noOffset.epcisBody.eventList[0].eventTimeZoneOffset;
    expect(validate(noOffset)).toBe(false);
    const badAction = structuredClone(example);
    badAction.epcisBody.eventList[0].action = 'CREATE';
    expect(validate(badAction)).toBe(false);
    const badBizStep = structuredClone(example);
    badBizStep.epcisBody.eventList[0].bizStep = 'harvesting';
    expect(validate(badBizStep)).toBe(false);
    const noContext = structuredClone(example);
    delete noContext['@context'];
    expect(validate(noContext)).toBe(false);
    const ilmdOnObserve = structuredClone(example);
    ilmdOnObserve.epcisBody.eventList[0].ilmd = { 'example:x': 1 };
    expect(validate(ilmdOnObserve)).toBe(false);
  });
});

describe('EPCIS builders', () => {
  it('builds a harvest → pack → ship document the official schema accepts', () => {
    const packed = digitalLinkClass({ gtin: GTIN, lot: 'P2405' });
    const doc = epcisDocument({
      creationDate: new Date('2024-05-02T03:00:00Z'),
      sender: 'https://id.gs1.org/417/8931234000004',
      events: [
        harvestEvent(),
        objectEvent({
          action: 'OBSERVE',
          eventTime: '2024-05-01T10:00:00+07:00',
          bizStep: 'cooling',
          readPoint: farm,
          quantityList: [{ epcClass: lotClass, quantity: 120.5, uom: 'KGM' }],
          extensions: { temperatureC: 8 },
        }),
        transformationEvent({
          eventTime: '2024-05-01T12:00:00+07:00',
          bizStep: 'packing',
          disposition: 'active',
          inputQuantityList: [{ epcClass: lotClass, quantity: 120.5, uom: 'KGM' }],
          outputQuantityList: [{ epcClass: packed, quantity: 24, uom: 'H87' }],
          outputEPCList: [digitalLinkInstance({ gtin: GTIN, serial: 'S0001' })],
          ilmd: { packingHouseCode: 'VN-DTPH-0001' },
        }),
        objectEvent({
          action: 'OBSERVE',
          eventTime: '2024-05-02T08:00:00+07:00',
          bizStep: 'shipping',
          disposition: 'in_transit',
          quantityList: [{ epcClass: packed, quantity: 24, uom: 'H87' }],
          bizTransactions: [{ type: 'desadv', id: 'https://chophien.vn/orders/123' }],
          sources: [{ type: 'owning_party', id: 'https://id.gs1.org/417/8931234000004' }],
          destinations: [{ type: 'location', id: 'https://chophien.vn/markets/ben-thanh' }],
        }),
      ],
    });
    expectValid(doc);
    expect(doc['@context']).toEqual([EPCIS_CONTEXT_URL, { cp: 'https://chophien.vn/epcis/' }]);
    expect(doc.schemaVersion).toBe('2.0');
    expect(doc.creationDate).toBe('2024-05-02T10:00:00.000+07:00');
    const [harvest, cooling, pack] = doc.epcisBody.eventList;
    expect(harvest?.['bizStep']).toBe('https://chophien.vn/voc/bizstep/harvesting');
    expect(harvest?.['eventTime']).toBe('2024-05-01T08:30:00.000+07:00');
    expect(harvest?.eventTimeZoneOffset).toBe('+07:00');
    expect(harvest?.['ilmd']).toEqual({
      'cp:plantingAreaCode': 'VN-DTOR-0017',
      'cp:harvestDate': '2024-05-01',
      'cp:farm': 'https://chophien.vn/farm/f-123',
    });
    expect(cooling?.['cp:temperatureC']).toBe(8);
    expect(pack?.['bizStep']).toBe('packing');
    expect(lotClass).toBe(`https://id.gs1.org/01/${GTIN}/10/${LOT}`);
    expect(parseDigitalLink(lotClass).ok).toBe(true);
  });

  it('validates every CBV bizStep and disposition, and every custom step, against the schema', () => {
    const events = [
      ...CBV_BIZ_STEPS.map((bizStep, i) =>
        objectEvent({
          action: 'OBSERVE',
          eventTime: harvestAt,
          bizStep,
          disposition: CBV_DISPOSITIONS[i % CBV_DISPOSITIONS.length],
          epcList: [digitalLinkInstance({ gtin: GTIN, serial: String(i) })],
        }),
      ),
      ...CHOPHIEN_BIZ_STEPS.map((bizStep) =>
        objectEvent({
          action: 'OBSERVE',
          eventTime: harvestAt,
          bizStep,
          quantityList: [{ epcClass: lotClass, quantity: 1 }],
        }),
      ),
    ];
    expectValid(epcisDocument({ events, creationDate: harvestAt }));
    for (const e of events.slice(CBV_BIZ_STEPS.length)) {
      expect(String(e['bizStep'])).toMatch(/^https:\/\/chophien\.vn\/voc\/bizstep\//);
      expect(String(e['bizStep'])).not.toContain('ns.gs1.org/cbv');
    }
  });

  it('uses a configurable vocabulary base, never one inside CBV', () => {
    const e = objectEvent({
      action: 'OBSERVE',
      eventTime: harvestAt,
      bizStep: 'cooling',
      vocabularyBase: 'https://trace.example.vn/voc/bizstep',
      epcList: [],
      quantityList: [{ epcClass: lotClass, quantity: 1 }],
    });
    expect(e['bizStep']).toBe('https://trace.example.vn/voc/bizstep/cooling');
    expect(() =>
      objectEvent({
        action: 'OBSERVE',
        eventTime: harvestAt,
        bizStep: 'cooling',
        vocabularyBase: 'https://ns.gs1.org/cbv/BizStep-',
        quantityList: [{ epcClass: lotClass, quantity: 1 }],
      }),
    ).toThrow(Gs1Error);
  });

  it('computes eventID deterministically from content (SHA-256 over canonical JSON)', () => {
    const a = harvestEvent();
    const b = harvestEvent();
    expect(a.eventID).toBe(b.eventID);
    expect(a.eventID).toMatch(/^ni:\/\/\/sha-256;[0-9a-f]{64}\?ver=CBV2\.0$/);
    expect(eventId(a)).toBe(a.eventID);
    // Same instant written another way → same event → same ID.
    const c = objectEvent({ ...harvestInput(), eventTime: '2024-05-01T08:30:00+07:00' });
    expect(c.eventID).toBe(a.eventID);
    const d = objectEvent({
      ...harvestInput(),
      quantityList: [{ epcClass: lotClass, quantity: 121, uom: 'KGM' }],
    });
    expect(d.eventID).not.toBe(a.eventID);
  });

  it('refuses input the schema would reject', () => {
    const base = { eventTime: harvestAt, quantityList: [{ epcClass: lotClass, quantity: 1 }] };
    const attempts: (() => unknown)[] = [
      () => objectEvent({ ...base, action: 'OBSERVE', ilmd: { a: 1 } }),
      () => objectEvent({ action: 'ADD', eventTime: harvestAt }),
      () => objectEvent({ ...base, action: 'ADD', bizStep: 'growing fast' }),
      () => objectEvent({ ...base, action: 'ADD', bizStep: 'urn:epcglobal:cbv:bizstep:harvesting' }),
      () => objectEvent({ ...base, action: 'ADD', disposition: 'ripe' }),
      () => objectEvent({ ...base, action: 'ADD', eventTime: 'yesterday' }),
      () => objectEvent({ ...base, action: 'ADD', eventTimeZoneOffset: '+7' }),
      () =>
        objectEvent({
          ...base,
          action: 'ADD',
          quantityList: [{ epcClass: lotClass, quantity: 1, uom: 'kg' }],
        }),
      () => objectEvent({ ...base, action: 'ADD', readPoint: 'farm 1' }),
      () => transformationEvent({ eventTime: harvestAt, inputQuantityList: base.quantityList }),
    ];
    for (const attempt of attempts) {
      expect(attempt).toThrow(Gs1Error);
      try {
        attempt();
      } catch (e) {
        expect((e as Gs1Error).code).toBe('EPCIS_BAD_INPUT');
      }
    }
  });

  it('any built ObjectEvent validates (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('ADD', 'OBSERVE', 'DELETE' as const),
        fc.constantFrom(...CBV_BIZ_STEPS, ...CHOPHIEN_BIZ_STEPS),
        fc.date({ min: new Date('2000-01-01'), max: new Date('2090-01-01'), noInvalidDate: true }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.stringMatching(/^[A-Za-z0-9-]{1,20}$/),
        (action, bizStep, eventTime, quantity, lot) => {
          const event = objectEvent({
            action,
            bizStep,
            eventTime,
            quantityList: [{ epcClass: digitalLinkClass({ gtin: GTIN, lot }), quantity, uom: 'KGM' }],
            ...(action === 'ADD' ? { ilmd: harvestIlmd({ plantingAreaCode: 'VN-DTOR-0018' }) } : {}),
          });
          expectValid(epcisDocument({ events: [event], creationDate: eventTime }));
        },
      ),
      { numRuns: 200 },
    );
  });
});

function harvestInput() {
  return {
    action: 'ADD' as const,
    eventTime: harvestAt,
    bizStep: 'harvesting',
    disposition: 'active',
    readPoint: farm,
    bizLocation: farm,
    quantityList: [{ epcClass: lotClass, quantity: 120.5, uom: 'KGM' }],
    ilmd: harvestIlmd({
      plantingAreaCode: 'VN-DTOR-0017',
      harvestDate: '2024-05-01',
      farm: 'https://chophien.vn/farm/f-123',
    }),
  };
}

describe('pure SHA-256', () => {
  it('matches node:crypto', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (s) => {
        expect(sha256Hex(s)).toBe(createHash('sha256').update(s, 'utf8').digest('hex'));
      }),
      { numRuns: 300 },
    );
    for (const n of [0, 55, 56, 63, 64, 65, 119, 120, 1000]) {
      const s = 'a'.repeat(n);
      expect(sha256Hex(s)).toBe(createHash('sha256').update(s).digest('hex'));
    }
  });
});
