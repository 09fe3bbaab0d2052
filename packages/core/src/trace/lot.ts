import * as z from 'zod';
import { unitIds } from '../catalog/units.ts';
import { bilingual } from '../errors/zod-issues.ts';
import { traceIsoDate } from './certification.ts';
import { LOT_CSET82, MAX_LOT_LENGTH, normalizeGtin } from './codes.ts';

export const lotCodeSchema = z
  .string()
  .trim()
  .min(1)
  .max(MAX_LOT_LENGTH, bilingual('Mã lô tối đa 20 ký tự.', 'A lot code has at most 20 characters.'))
  .regex(
    LOT_CSET82,
    bilingual(
      'Mã lô chỉ gồm chữ không dấu, số và - . / _ (bảng ký tự GS1 82).',
      'A lot code may only use unaccented letters, digits and - . / _ (GS1 CSET 82).',
    ),
  )
  // URL parsers collapse "." and ".." path segments, so such a lot could never be scanned back.
  .refine((code) => code !== '.' && code !== '..', {
    message: bilingual('Mã lô không được chỉ là dấu chấm.', 'A lot code cannot be only dots.'),
  });

export const gtinInputSchema = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const gtin = normalizeGtin(value);
    if (!gtin) {
      ctx.addIssue({
        code: 'custom',
        message: bilingual(
          'GTIN không hợp lệ (8, 12, 13 hoặc 14 chữ số, đúng số kiểm tra).',
          'Invalid GTIN (8, 12, 13 or 14 digits with a correct check digit).',
        ),
      });
      return z.NEVER;
    }
    return gtin;
  });

/** The one unit list (catalog/units.ts), shared with listings. */
export const lotUnits = unitIds;

export const createLotInputSchema = z.object({
  /** The marketplace listing this lot is sold under (for the trace page's "Mua" link). */
  productId: z.string().min(1).max(40).optional(),
  productName: z.object({
    vi: z.string().trim().min(2).max(120),
    en: z.string().trim().max(120).optional(),
  }),
  /** Only households with their own GS1 company prefix have one; others get a platform lot-level code. */
  gtin: gtinInputSchema.optional(),
  lotCode: lotCodeSchema.optional(),
  quantity: z.number().positive().max(1_000_000_000),
  unit: z.enum(lotUnits),
  harvestDate: traceIsoDate.optional(),
  packDate: traceIsoDate.optional(),
  bestBefore: traceIsoDate.optional(),
});
export type CreateLotInput = z.input<typeof createLotInputSchema>;

export const lotSchema = createLotInputSchema.extend({
  id: z.string(),
  lotCode: z.string(),
  farmId: z.string(),
  ownerId: z.string(),
  serialCount: z.number().int().min(0),
  createdAt: z.string(),
  createdBy: z.string(),
  onBehalfBy: z.string().optional(),
});
export type Lot = z.infer<typeof lotSchema>;

/** Platform lots (no GTIN) share one namespace; GTIN lots are unique per GTIN, as GS1 defines (01)+(10). */
export const PLATFORM_NAMESPACE = 'L';
export const lotNamespace = (lot: { gtin?: string | undefined }) => lot.gtin ?? PLATFORM_NAMESPACE;
