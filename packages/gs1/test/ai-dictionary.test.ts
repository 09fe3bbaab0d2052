import { describe, expect, it } from 'vitest';
import { aiMatches, allAiDefinitions } from '../src/ai-dictionary.ts';
import { aiDefinition, elementString } from '../src/index.ts';

describe('AI dictionary', () => {
  it('compiles the key entries the Digital Link rules rely on', () => {
    expect(aiDefinition('01')).toMatchObject({
      primaryKey: true,
      predefinedLength: true,
      minLength: 14,
      maxLength: 14,
      qualifierSequences: [['22', '10', '21'], ['235']],
    });
    expect(aiDefinition('414')?.qualifierSequences).toEqual([['254'], ['7040']]);
    expect(aiDefinition('00')?.qualifierSequences).toEqual([]);
    expect(aiDefinition('10')).toMatchObject({
      primaryKey: false,
      dataAttribute: true,
      predefinedLength: false,
    });
    expect(aiDefinition('21')?.dataAttribute).toBe(false);
    expect(aiDefinition('7007')).toMatchObject({ minLength: 6, maxLength: 12, dataAttribute: true });
    expect(aiDefinition('3103')?.excludes).toEqual(['310n']);
    expect(aiDefinition('8030')?.requires).toEqual([
      [
        ['00'],
        ['01', '21'],
        ['253'],
        ['255'],
        ['8003'],
        ['8004'],
        ['8006', '21'],
        ['8010', '8011'],
        ['8017'],
        ['8018'],
      ],
    ]);
    expect(aiDefinition('999')).toBeUndefined();
    expect(aiDefinition('gtin')).toBeUndefined();
  });

  it('only refers to AIs that exist (qualifiers, req=, ex=)', () => {
    const all = [...allAiDefinitions()];
    const exists = (pattern: string) => all.some((d) => aiMatches(pattern, d.ai));
    for (const d of all) {
      for (const seq of d.qualifierSequences)
        for (const q of seq) expect(exists(q), `${d.ai} qualifier ${q}`).toBe(true);
      for (const group of d.requires) {
        for (const conj of group) for (const p of conj) expect(exists(p), `${d.ai} req ${p}`).toBe(true);
      }
      for (const p of d.excludes) expect(exists(p), `${d.ai} ex ${p}`).toBe(true);
      expect(d.minLength).toBeGreaterThan(0);
      expect(d.maxLength).toBeGreaterThanOrEqual(d.minLength);
    }
  });

  it('marks exactly the GS1 predefined-length prefixes as needing no FNC1', () => {
    const predefined = /^(0[0-4]|1[1-9]|20|3[1-6]|41)/;
    for (const d of allAiDefinitions()) {
      if (d.predefinedLength) expect(d.ai, d.ai).toMatch(predefined);
    }
    expect(
      elementString([
        { ai: '01', value: '09520123456788' },
        { ai: '422', value: '704' },
        { ai: '17', value: '261231' },
      ]),
    ).toBe('^0109520123456788422704^17261231');
  });
});
