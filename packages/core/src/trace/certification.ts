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
    /**
     * What an OCOP certificate certifies: one product (the listing's id). VietGAP, GlobalG.A.P. and
     * organic certify the farm (its planting area) and apply to every lot of it.
     */
    productId: z.string().min(1).max(40).optional(),
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

/** Schemes that certify a product, not a farm: they apply only to lots and listings of that product. */
export const productScopedSchemes: readonly CertificationScheme[] = ['ocop'];

/** A new certificate as a farmer records it: an OCOP names the product it was awarded to. */
export const certificationInputSchema = certificationSchema.superRefine((cert, ctx) => {
  if (productScopedSchemes.includes(cert.scheme) && !cert.productId)
    ctx.addIssue({
      code: 'custom',
      path: ['productId'],
      message: bilingual(
        'OCOP được cấp cho một sản phẩm: chọn sản phẩm được chứng nhận.',
        'OCOP is awarded to one product: choose the product it certifies.',
      ),
    });
  if (!productScopedSchemes.includes(cert.scheme) && cert.productId)
    ctx.addIssue({
      code: 'custom',
      path: ['productId'],
      message: bilingual(
        'Chứng nhận này cấp cho cả trang trại, không chọn sản phẩm.',
        'This certificate covers the whole farm: do not choose a product.',
      ),
    });
});

/**
 * The certificates that apply to a lot or listing of `productId` from its farm: every farm-wide one,
 * and a product's own (OCOP) only when it names that product. An OCOP of another product, or one that
 * names no product, never shows on this product's trace page.
 */
export function certificationsThatApply<C extends Pick<Certification, 'scheme' | 'productId'>>(
  certs: readonly C[],
  productId: string | undefined,
): C[] {
  return certs.filter((cert) =>
    productScopedSchemes.includes(cert.scheme)
      ? cert.productId !== undefined && cert.productId === productId
      : true,
  );
}

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
