import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDigitalLink } from '../src/index.ts';

interface Vector {
  uri: string;
  valid: boolean;
  expected?: Record<string, string>;
  elementString?: string;
  error?: string;
  mode?: string;
  note?: string;
}

const vectors = JSON.parse(
  readFileSync(new URL('./vectors/gs1-digital-link.json', import.meta.url), 'utf8'),
) as Vector[];

/** The vectors name fields for readers ("expiry", "netWeightKg_3103", "ai99"); map them back to AIs. */
const NAMED: Record<string, string> = {
  gtin: '01',
  sscc: '00',
  cpv: '22',
  lot: '10',
  serial: '21',
  tpx: '235',
  expiry: '17',
  harvestDate: '7007',
};

function aiOf(name: string): string {
  const named = NAMED[name];
  if (named) return named;
  const suffix = /(?:_|^ai)(\d{2,4})$/.exec(name);
  if (!suffix?.[1]) throw new Error(`vector field ${name} has no AI mapping`);
  return suffix[1];
}

/** "240501-240505 (range)" describes the element value "240501240505". */
function elementValueOf(expected: string): string {
  return expected.endsWith(' (range)') ? expected.slice(0, -' (range)'.length).replace('-', '') : expected;
}

describe('GS1 Digital Link reference vectors', () => {
  it('has vectors to run', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(44);
  });

  for (const [i, v] of vectors.entries()) {
    const mode = v.mode?.startsWith('lenient') ? 'lenient' : 'strict';
    it(`#${i} ${mode} ${v.valid ? 'valid' : 'invalid'}: ${v.uri}`, () => {
      const result = parseDigitalLink(v.uri, { mode });
      if (!v.valid) {
        expect(result.ok, JSON.stringify(result)).toBe(false);
        if (!result.ok) {
          expect(result.errors.length).toBeGreaterThan(0);
          for (const e of result.errors) {
            expect(e.code).toMatch(/^DL_[A-Z0-9_]+$/);
            expect(e.message.vi.length).toBeGreaterThan(0);
            expect(e.message.en.length).toBeGreaterThan(0);
          }
        }
        return;
      }
      expect(result.ok, JSON.stringify(result)).toBe(true);
      if (!result.ok) return;
      for (const [name, value] of Object.entries(v.expected ?? {})) {
        expect(result.data.ais[aiOf(name)], name).toBe(elementValueOf(value));
      }
      if (v.expected?.['gtin']) expect(result.data.gtin).toBe(v.expected['gtin']);
      if (v.expected?.['lot']) expect(result.data.lot).toBe(v.expected['lot']);
      if (v.expected?.['serial']) expect(result.data.serial).toBe(v.expected['serial']);
      if (v.elementString !== undefined) expect(result.data.elementString).toBe(v.elementString);
    });
  }
});
