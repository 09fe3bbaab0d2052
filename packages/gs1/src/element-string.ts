import { aiDefinition } from './ai-dictionary.ts';
import type { AiValue } from './types.ts';

/**
 * GS1 element string with FNC1 shown as "^": a leading FNC1, then AI+value pairs, with an FNC1 after each
 * value whose AI is not of predefined length (unless it is the last one) so a scanner knows where it ends.
 */
export function elementString(pairs: readonly AiValue[]): string {
  let out = '^';
  const last = pairs.length - 1;
  for (let i = 0; i <= last; i++) {
    const p = pairs[i]!;
    out += p.ai + p.value;
    if (i < last && aiDefinition(p.ai)?.predefinedLength !== true) out += '^';
  }
  return out;
}

/** Human-readable interpretation for labels: "(01)09520123456788(10)ABC1". */
export function humanReadableOf(pairs: readonly AiValue[]): string {
  let out = '';
  for (const p of pairs) out += `(${p.ai})${p.value}`;
  return out;
}
