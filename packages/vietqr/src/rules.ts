/** Value rules that the field table cannot express, shared by the builder and the parser. */
import { F } from './fields.ts';

/**
 * Integer VND from `text[start, end)`, or -1. NAPAS: digits with at most one dot, and as many
 * decimals as the currency exponent – 0 for VND – so only a bare trailing dot ("50000.") is allowed.
 */
export function readAmount(text: string, start: number, end: number): number {
  let value = 0;
  let digits = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      digits++;
    } else if (c === 46 && i === end - 1 && digits > 0) {
      break;
    } else {
      return -1;
    }
  }
  return digits > 0 && value > 0 ? value : -1;
}

/** 57: "00.01"–"99.99", no percent sign, at most two decimals. */
export function isFeePercentage(text: string, start: number, end: number): boolean {
  let hundredths = 0;
  let intDigits = 0;
  let decimals = -1;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (decimals >= 0) return false;
      decimals = 0;
    } else if (c >= 48 && c <= 57) {
      if (decimals >= 0) {
        if (++decimals > 2) return false;
      } else if (++intDigits > 2) {
        return false;
      }
      hundredths = hundredths * 10 + (c - 48);
    } else {
      return false;
    }
  }
  if (intDigits === 0) return false;
  for (let d = Math.max(decimals, 0); d < 2; d++) hundredths *= 10;
  return hundredths >= 1 && hundredths <= 9999;
}

/** Builder side: the amount as the digits to emit, or undefined when it cannot be a VND amount. */
export function formatAmount(amount: number): string | undefined {
  if (!Number.isSafeInteger(amount) || amount <= 0) return undefined;
  const text = String(amount);
  return text.length <= F.amount.max ? text : undefined;
}

/** 62.09: any of A (address), M (mobile), E (email), each at most once. */
export function isConsumerDataRequest(text: string, start: number, end: number): boolean {
  let seen = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    const bit = c === 65 ? 1 : c === 77 ? 2 : c === 69 ? 4 : 0;
    if (bit === 0 || seen & bit) return false;
    seen |= bit;
  }
  return true;
}
