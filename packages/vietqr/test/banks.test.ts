import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SOURCE, toEntries } from '../scripts/generate-banks.ts';
import { BANK_ENTRIES } from '../src/banks.data.ts';
import { bankByBin, findBank } from '../src/index.ts';

describe('bank directory', () => {
  it('checked-in banks.data.ts equals a fresh generation from data/napas-banks.json', () => {
    const fresh = toEntries(JSON.parse(readFileSync(DEFAULT_SOURCE, 'utf8')));
    expect(BANK_ENTRIES).toEqual(fresh);
  });

  it('reads no file at run time (the directory is compiled in)', () => {
    const source = readFileSync(fileURLToPath(new URL('../src/banks.ts', import.meta.url)), 'utf8');
    expect(source).not.toMatch(/readFileSync|napas-banks\.json/);
  });

  it('looks banks up by BIN, code, short name and name without diacritics', () => {
    expect(bankByBin('970436')?.code).toBe('VCB');
    expect(findBank('vcb')?.bin).toBe('970436');
    expect(findBank('Vietinbank')?.bin).toBe('970415');
    expect(findBank('ICB')?.bin).toBe('970415');
    expect(findBank('ngan hang tmcp a chau')?.bin).toBe('970416');
    expect(findBank('Ngân hàng TMCP Á Châu')?.bin).toBe('970416');
    expect(findBank('OceanBank')?.bin).toBe('970414');
    expect(findBank('970422')?.shortName).toBe('MBBank');
    expect(findBank('no such bank')).toBeUndefined();
  });

  it('resolves names shared by two BINs to the VietQR-ecosystem one and keeps the conflict note', () => {
    expect(findBank('CIMB')?.bin).toBe('422589');
    expect(bankByBin('970459')?.notes.join(' ')).toContain('422589');
    expect(findBank('MAFC')?.bin).toBe('977777');
  });
});
