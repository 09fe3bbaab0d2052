import * as z from 'zod';
import { bilingual } from '../errors/zod-issues.ts';
import { certificationSchema } from './certification.ts';
import { plantingAreaCodeProblem } from './codes.ts';

const areaCode = (kind: 'OR' | 'PH') =>
  z
    .string()
    .trim()
    .min(1)
    .max(40)
    .superRefine((code, ctx) => {
      const expected = plantingAreaCodeProblem(code, kind);
      if (expected)
        ctx.addIssue({
          code: 'custom',
          message: bilingual(
            `Mã xuất khẩu phải có dạng ${expected} (ví dụ VN-TN${kind}-0012).`,
            `Export codes must look like ${expected} (e.g. VN-TN${kind}-0012).`,
          ),
        });
    });

export const farmGpsSchema = z.object({
  lat: z.number().min(8).max(24),
  lng: z.number().min(102).max(110),
});

/** What a farmer (or the commune officer on their behalf) sends to register a farm. */
export const createFarmInputSchema = z.object({
  /** Required when an officer registers on a household's behalf; a farmer always registers their own. */
  ownerId: z.string().min(1).max(40).optional(),
  householdName: z.string().trim().min(2).max(120),
  province: z.string().trim().min(2).max(60),
  commune: z.string().trim().min(2).max(80),
  gps: farmGpsSchema.optional(),
  plantingAreaCode: areaCode('OR').optional(),
  packingHouseCode: areaCode('PH').optional(),
  certifications: z.array(certificationSchema).max(10).default([]),
});
export type CreateFarmInput = z.input<typeof createFarmInputSchema>;

export const farmSchema = createFarmInputSchema.extend({
  id: z.string(),
  ownerId: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  /** Set when a commune officer acted for the household. */
  onBehalfBy: z.string().optional(),
});
export type Farm = z.infer<typeof farmSchema>;
