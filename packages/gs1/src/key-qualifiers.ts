import type { AiDefinition } from './ai-dictionary.ts';

/** True when `ais` appear in `sequence` in the same order (each at most once). */
function isOrderedSubsequence(ais: readonly string[], sequence: readonly string[]): boolean {
  let at = 0;
  for (const ai of ais) {
    while (at < sequence.length && sequence[at] !== ai) at++;
    if (at === sequence.length) return false;
    at++;
  }
  return true;
}

/**
 * The qualifier sequences of `key` that the path's qualifiers fit. Empty when they fit none (wrong order,
 * mixed alternatives, or an AI that is no qualifier of this key). With no qualifiers, every sequence fits.
 */
export function fittingSequences(
  key: AiDefinition,
  qualifierAis: readonly string[],
): readonly (readonly string[])[] {
  if (qualifierAis.length === 0) return key.qualifierSequences;
  return key.qualifierSequences.filter((seq) => isOrderedSubsequence(qualifierAis, seq));
}

/**
 * A query attribute is misplaced when it could have been a path qualifier of the key in a sequence the
 * path already fits (e.g. /01/…?10=… but not /01/…/235/…?10=…, where the 235 branch was chosen).
 */
export function belongsInPath(ai: string, fitting: readonly (readonly string[])[]): boolean {
  for (const seq of fitting) if (seq.includes(ai)) return true;
  return false;
}
