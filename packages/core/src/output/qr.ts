import { transliterate } from '@chophien/vietqr';
import { cleanLine } from './text.ts';

/**
 * Free text for a QR payload field that takes only printable ASCII (EMVCo "ans": a VietQR merchant name):
 * Vietnamese folded to ASCII (Đ → D), everything else outside 0x20–0x7E dropped, at most `max` characters.
 * The payload then always builds, whatever a producer typed.
 */
export function qrText(text: string, max: number): string {
  return transliterate(cleanLine(text))
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max)
    .trim();
}
