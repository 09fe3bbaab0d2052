/**
 * ID-length-value helpers shared by the builder and the parser. EMVCo lengths count characters
 * (NAPAS: "số ký tự"), i.e. Unicode code points, not UTF-16 units and not UTF-8 bytes.
 */
import type { FieldSpec } from './fields.ts';

/** Code points in `text`; equals `text.length` unless there are astral characters. */
export function charLength(text: string, start = 0, end: number = text.length): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++;
  }
  return n;
}

/** Index `chars` code points after `start`, or -1 when the text ends first. */
export function advanceChars(text: string, start: number, chars: number, end: number): number {
  let i = start;
  for (let n = 0; n < chars; n++) {
    if (i >= end) return -1;
    const c = text.charCodeAt(i++);
    if (c >= 0xd800 && c <= 0xdbff && i < end) {
      const low = text.charCodeAt(i);
      if (low >= 0xdc00 && low <= 0xdfff) i++;
    }
  }
  return i;
}

/** "00"–"99", so encoding a length is a lookup, not a number-to-string conversion. */
const LENGTHS: readonly string[] = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));

/** `chars` must be 1–99; callers check the value against the field table first. */
export function encodeTlv(id: string, value: string, chars: number): string {
  return id + LENGTHS[chars]! + value;
}

export type ValueProblem = 'FIELD_EMPTY' | 'VALUE_TOO_SHORT' | 'VALUE_TOO_LONG' | 'NOT_NUMERIC' | 'NOT_ASCII';

/**
 * Checks a value (`text[start, end)`, `chars` code points) against its row of the field table.
 * Scans in place so the parser does not have to cut a substring to validate it.
 */
export function checkValue(
  spec: FieldSpec,
  text: string,
  start: number,
  end: number,
  chars: number,
): ValueProblem | undefined {
  if (chars === 0) return 'FIELD_EMPTY';
  if (chars > spec.max) return 'VALUE_TOO_LONG';
  if (chars < spec.min) return 'VALUE_TOO_SHORT';
  if (spec.format === 'N') {
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57) return 'NOT_NUMERIC';
    }
  } else if (spec.format === 'ANS') {
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x20 || c > 0x7e) return 'NOT_ASCII';
    }
  }
  return undefined;
}
