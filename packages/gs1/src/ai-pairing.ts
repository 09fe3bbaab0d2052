import { aiDefinition, aiMatches } from './ai-dictionary.ts';
import { type Gs1Issue, issue } from './errors.ts';
import type { AiValue } from './types.ts';

function present(pattern: string, pairs: readonly AiValue[], except?: string): boolean {
  for (const { ai } of pairs) if (ai !== except && aiMatches(pattern, ai)) return true;
  return false;
}

/** Applies the dictionary's req= and ex= rules over all AIs of one Digital Link (path and query together). */
export function pairingIssues(pairs: readonly AiValue[]): Gs1Issue[] {
  const out: Gs1Issue[] = [];
  for (const { ai } of pairs) {
    const def = aiDefinition(ai);
    if (def === undefined) continue;
    for (const group of def.requires) {
      const met = group.some((conjunction) => conjunction.every((p) => present(p, pairs)));
      if (!met) out.push(issue('DL_REQUIRED_AI_MISSING', ai, group.map((c) => c.join('+')).join(' | ')));
    }
    for (const pattern of def.excludes) {
      if (present(pattern, pairs, ai)) out.push(issue('DL_EXCLUDED_AI_PAIR', ai, pattern));
    }
  }
  return out;
}
