import { aiDefinition, aiMatches } from './ai-dictionary.ts';
import { type Gs1Issue, issue } from './errors.ts';

function present(pattern: string, ais: readonly string[], except?: string): boolean {
  for (const ai of ais) if (ai !== except && aiMatches(pattern, ai)) return true;
  return false;
}

/** Applies the dictionary's req= and ex= rules over all AIs of one Digital Link (path and query together). */
export function pairingIssues(ais: readonly string[]): Gs1Issue[] {
  const out: Gs1Issue[] = [];
  for (const ai of ais) {
    const def = aiDefinition(ai);
    if (def === undefined) continue;
    for (const group of def.requires) {
      const met = group.some((conjunction) => conjunction.every((p) => present(p, ais)));
      if (!met) out.push(issue('DL_REQUIRED_AI_MISSING', ai, group.map((c) => c.join('+')).join(' | ')));
    }
    for (const pattern of def.excludes) {
      if (present(pattern, ais, ai)) out.push(issue('DL_EXCLUDED_AI_PAIR', ai, pattern));
    }
  }
  return out;
}
