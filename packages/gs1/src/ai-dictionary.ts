import { AI_ROWS } from './ai-table.ts';

export const CharSet = { Numeric: 0, Cset82: 1, Cset39: 2, Cset64: 3 } as const;
export type CharSet = (typeof CharSet)[keyof typeof CharSet];

/** Content rules applied to one component after its character set and length are known to be right. */
export type ComponentCheck =
  | 'csum'
  | 'yymmd0'
  | 'yymmdd'
  | 'yyyymmdd'
  | 'hhmi'
  | 'hh'
  | 'mi'
  | 'ss'
  | 'zero'
  | 'yesno'
  | 'hyphen'
  | 'pieceoftotal'
  | 'nozeroprefix';

export interface AiComponent {
  readonly charset: CharSet;
  readonly min: number;
  readonly max: number;
  readonly optional: boolean;
  readonly check: ComponentCheck | undefined;
}

/** One alternative of a req= group: every AI pattern in it must be present. */
export type AiConjunction = readonly string[];

export interface AiDefinition {
  readonly ai: string;
  readonly title: string;
  readonly components: readonly AiComponent[];
  readonly minLength: number;
  readonly maxLength: number;
  /** Predefined-length AI: no FNC1 separator is needed after it in an element string. */
  readonly predefinedLength: boolean;
  /** May appear as a Digital Link data attribute (query parameter). */
  readonly dataAttribute: boolean;
  readonly primaryKey: boolean;
  /** For a primary key: the alternative ordered qualifier sequences (may not be mixed). */
  readonly qualifierSequences: readonly (readonly string[])[];
  /** Every group must be satisfied by at least one of its alternatives. */
  readonly requires: readonly (readonly AiConjunction[])[];
  readonly excludes: readonly string[];
}

const CHECKS = new Set<string>([
  'csum',
  'yymmd0',
  'yymmdd',
  'yyyymmdd',
  'hhmi',
  'hh',
  'mi',
  'ss',
  'zero',
  'yesno',
  'hyphen',
  'pieceoftotal',
  'nozeroprefix',
]);

const CHARSET_BY_LETTER: Record<string, CharSet> = {
  N: CharSet.Numeric,
  X: CharSet.Cset82,
  Y: CharSet.Cset39,
  Z: CharSet.Cset64,
};

function compileComponent(token: string): AiComponent {
  const optional = token.startsWith('[');
  const [typeLen = '', check] = token.replace('[', '').replace(']', '').split('/');
  const charset = CHARSET_BY_LETTER[typeLen[0] ?? ''];
  if (charset === undefined) throw new Error(`ai-table: bad component ${token}`);
  const len = typeLen.slice(1);
  const variable = len.startsWith('..');
  const max = Number(variable ? len.slice(2) : len);
  if (check !== undefined && !CHECKS.has(check)) throw new Error(`ai-table: unknown check ${check}`);
  return { charset, min: variable ? 1 : max, max, optional, check: check as ComponentCheck | undefined };
}

function expandRange(ai: string): string[] {
  const dash = ai.indexOf('-');
  if (dash < 0) return [ai];
  const from = ai.slice(0, dash);
  const to = ai.slice(dash + 1);
  const out: string[] = [];
  for (let n = Number(from); n <= Number(to); n++) out.push(String(n).padStart(from.length, '0'));
  return out;
}

function compile(): Map<string, AiDefinition> {
  const map = new Map<string, AiDefinition>();
  for (const [aiSpec, flags, spec, rules, title] of AI_ROWS) {
    const components = spec.split(' ').map(compileComponent);
    let minLength = 0;
    let maxLength = 0;
    for (const c of components) {
      if (!c.optional) minLength += c.min;
      maxLength += c.max;
    }
    let primaryKey = false;
    let qualifierSequences: string[][] = [];
    const requires: AiConjunction[][] = [];
    let excludes: string[] = [];
    for (const rule of rules.split(' ')) {
      if (rule === '') continue;
      const eq = rule.indexOf('=');
      const name = rule.slice(0, eq);
      const value = rule.slice(eq + 1);
      if (name === 'pk') {
        primaryKey = true;
        qualifierSequences = value === '' ? [] : value.split('|').map((s) => s.split(','));
      } else if (name === 'req') {
        requires.push(value.split(',').map((alt) => alt.split('+')));
      } else if (name === 'ex') {
        excludes = value.split(',');
      } else {
        throw new Error(`ai-table: unknown rule ${rule}`);
      }
    }
    for (const ai of expandRange(aiSpec)) {
      map.set(ai, {
        ai,
        title,
        components,
        minLength,
        maxLength,
        predefinedLength: flags.includes('F'),
        dataAttribute: flags.includes('A'),
        primaryKey,
        qualifierSequences,
        requires,
        excludes,
      });
    }
  }
  return map;
}

const DICTIONARY = compile();

/** Looks up an AI ("01", "3103", "7007"); undefined when it is not a GS1 AI. */
export function aiDefinition(ai: string): AiDefinition | undefined {
  return DICTIONARY.get(ai);
}

export function allAiDefinitions(): IterableIterator<AiDefinition> {
  return DICTIONARY.values();
}

/** `pattern` may use "n" for any digit, as in the dictionary's "31nn". */
export function aiMatches(pattern: string, ai: string): boolean {
  if (pattern.length !== ai.length) return false;
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern.charCodeAt(i);
    if (p !== 110 /* n */ && p !== ai.charCodeAt(i)) return false;
  }
  return true;
}
