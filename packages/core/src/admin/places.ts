import * as z from 'zod';
import { bilingual } from '../errors/zod-issues.ts';
import { foldForSearch } from '../text/fold.ts';
import { type ProvinceUnit, provinces2025 } from './provinces-2025.ts';

/**
 * Addresses since 2025-07-01: province → commune. Provinces come from the 34 official units (old names
 * map to the unit that absorbed them). No maintained list of the ~3,300 communes and wards is on the npm
 * registry, so a commune is checked for its shape, "xã …", "phường …" or "đặc khu …", and compared
 * folded (no diacritics, case or spacing) wherever scopes meet (decision 0801).
 */
const byName = new Map<string, ProvinceUnit>();
for (const unit of provinces2025) {
  for (const name of [unit.name, unit.ascii, ...unit.formerly]) byName.set(foldForSearch(name), unit);
  // "Tỉnh Thái Nguyên", "TP Hải Phòng", "Thành phố Huế" are the same units.
  byName.set(foldForSearch(`tinh ${unit.ascii}`), unit);
  byName.set(foldForSearch(`thanh pho ${unit.ascii}`), unit);
  byName.set(foldForSearch(`tp ${unit.ascii}`), unit);
}

/** Today's unit for a province name as people write it (diacritics optional, old names accepted). */
export const findProvince = (text: string): ProvinceUnit | undefined => byName.get(foldForSearch(text));

export const provinceNames = provinces2025.map((unit) => unit.name);

export const provinceSchema = z
  .string()
  .trim()
  .min(1, bilingual('Cần chọn tỉnh, thành phố.', 'Choose a province.'))
  .max(60)
  .transform((text, ctx) => {
    const unit = findProvince(text);
    if (unit) return unit.name;
    ctx.addIssue({
      code: 'custom',
      message: bilingual(
        `“${text}” không phải một trong 34 tỉnh, thành phố từ 01/07/2025.`,
        `“${text}” is not one of the 34 provinces in force since 1 July 2025.`,
      ),
    });
    return z.NEVER;
  });

const COMMUNE_KINDS = [
  { folded: 'xa', written: 'xã' },
  { folded: 'phuong', written: 'phường' },
  { folded: 'dac khu', written: 'đặc khu' },
] as const;

/** "Xã Tân Cương", "xa tan cuong " → "xã Tân Cương"-style text with its kind first; undefined without a kind. */
export function normalizeCommune(text: string): string | undefined {
  const clean = text.normalize('NFC').trim().replace(/\s+/g, ' ');
  const folded = foldForSearch(clean);
  for (const kind of COMMUNE_KINDS) {
    if (folded.startsWith(`${kind.folded} `)) {
      const name = clean.split(' ').slice(kind.folded.split(' ').length).join(' ');
      return name ? `${kind.written} ${name}` : undefined;
    }
  }
  return undefined;
}

export const communeSchema = z
  .string()
  .trim()
  .min(1, bilingual('Cần ghi xã, phường.', 'Enter a commune or ward.'))
  .max(80)
  .transform((text, ctx) => {
    const commune = normalizeCommune(text);
    if (commune) return commune;
    ctx.addIssue({
      code: 'custom',
      message: bilingual(
        'Ghi rõ “xã …”, “phường …” hoặc “đặc khu …” (ví dụ: xã Tân Cương).',
        'Write the commune as “xã …”, “phường …” or “đặc khu …” (e.g. xã Tân Cương).',
      ),
    });
    return z.NEVER;
  });
