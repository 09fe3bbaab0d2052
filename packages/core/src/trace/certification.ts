import * as z from 'zod';
import { bilingual } from '../errors/zod-issues.ts';

export const certificationSchemes = ['vietgap', 'globalgap', 'organic', 'ocop'] as const;
export type CertificationScheme = (typeof certificationSchemes)[number];

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, bilingual('Ngày phải có dạng YYYY-MM-DD.', 'Date must be YYYY-MM-DD.'))
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), {
    message: bilingual('Ngày không tồn tại.', 'No such date.'),
  });

export { isoDate as traceIsoDate };

/** OCOP star bands, Decision 148/QĐ-TTg (2023): 3★ 50–69 points, 4★ 70–89, 5★ 90–100. */
export const OCOP_BANDS = { 3: [50, 69], 4: [70, 89], 5: [90, 100] } as const;

export const ocopStarsForScore = (score: number): 3 | 4 | 5 | undefined =>
  score >= 90 ? 5 : score >= 70 ? 4 : score >= 50 ? 3 : undefined;

export const certificationSchema = z
  .object({
    scheme: z.enum(certificationSchemes),
    number: z.string().trim().min(1).max(60),
    issuer: z.string().trim().min(1).max(160),
    validUntil: isoDate,
    issuedOn: isoDate.optional(),
    stars: z.number().int().min(3).max(5).optional(),
    score: z.number().int().min(0).max(100).optional(),
  })
  .superRefine((cert, ctx) => {
    if (cert.scheme !== 'ocop') {
      if (cert.stars !== undefined || cert.score !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['stars'],
          message: bilingual('Chỉ OCOP mới có hạng sao và điểm.', 'Only OCOP has stars and a score.'),
        });
      return;
    }
    if (cert.stars === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['stars'],
        message: bilingual('OCOP cần hạng sao (3–5).', 'OCOP needs a star rating (3–5).'),
      });
      return;
    }
    if (cert.score !== undefined && ocopStarsForScore(cert.score) !== cert.stars) {
      const [min, max] = OCOP_BANDS[cert.stars as 3 | 4 | 5];
      ctx.addIssue({
        code: 'custom',
        path: ['score'],
        message: bilingual(
          `OCOP ${cert.stars} sao cần điểm từ ${min} đến ${max}.`,
          `OCOP ${cert.stars} stars needs a score from ${min} to ${max}.`,
        ),
      });
    }
  });
export type Certification = z.infer<typeof certificationSchema>;

/** A certificate is valid through the whole of its last day, in Vietnam time. */
export function certificationStatus(cert: Pick<Certification, 'validUntil'>, now: Date): 'valid' | 'expired' {
  const endOfDayVietnam = Date.parse(`${cert.validUntil}T23:59:59.999+07:00`);
  return now.getTime() <= endOfDayVietnam ? 'valid' : 'expired';
}

export const certificationLabels: Record<CertificationScheme, { vi: string; en: string }> = {
  vietgap: { vi: 'VietGAP', en: 'VietGAP' },
  globalgap: { vi: 'GlobalG.A.P.', en: 'GlobalG.A.P.' },
  organic: { vi: 'Hữu cơ', en: 'Organic' },
  ocop: { vi: 'OCOP', en: 'OCOP' },
};
