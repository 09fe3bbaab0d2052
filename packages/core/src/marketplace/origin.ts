import type { Product } from '../catalog/product.ts';
import { type Certification, certificationStatus, certificationsThatApply } from '../trace/certification.ts';
import { tracePagePath } from '../trace/links.ts';
import type { TraceRepository } from '../trace/ports.ts';

/** One linked lot, as the product page's "Nguồn gốc" section shows it (contract C2). */
export interface ListingOrigin {
  readonly lotId: string;
  readonly lotCode: string;
  readonly farmName: string;
  readonly commune: string;
  readonly province: string;
  readonly plantingAreaCode?: string;
  readonly certifications: Array<Certification & { status: 'valid' | 'expired' }>;
  /** ISO date (the lot's, else its harvesting event's day). */
  readonly harvestDate?: string;
  /** The lot's trace page on the storefront (lot level: no serial, no token). */
  readonly tracePath: string;
}

const vietnamDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });

/** A product page shows at most this many lots (a listing sold from many lots links the newest few). */
export const MAX_ORIGIN_LOTS = 3;

/**
 * The origin of a listing from the lots it links to, read without recording a scan (unlike the trace
 * page, which counts every view as a scan). Lots that vanished or belong to another farmer are skipped:
 * a listing must not borrow someone else's certificates.
 */
export async function listingOrigin(
  deps: { trace: Pick<TraceRepository, 'getLotHistory' | 'getFarm'>; now?: () => Date },
  product: Pick<Product, 'id' | 'lotIds' | 'farmerId'>,
): Promise<ListingOrigin[]> {
  const now = deps.now?.() ?? new Date();
  const lotIds = product.lotIds.slice(0, MAX_ORIGIN_LOTS);
  const found = await Promise.all(
    lotIds.map(async (lotId) => {
      const history = await deps.trace.getLotHistory(lotId);
      if (!history || history.lot.ownerId !== product.farmerId) return undefined;
      const farm = await deps.trace.getFarm(history.lot.farmId);
      if (!farm) return undefined;
      const { lot } = history;
      const harvest = history.events.find((event) => event.type === 'harvesting');
      const harvestDate =
        lot.harvestDate ?? (harvest ? vietnamDay.format(new Date(harvest.time)) : undefined);
      const origin: ListingOrigin = {
        lotId: lot.id,
        lotCode: lot.lotCode,
        farmName: farm.householdName,
        commune: farm.commune,
        province: farm.province,
        ...(farm.plantingAreaCode ? { plantingAreaCode: farm.plantingAreaCode } : {}),
        certifications: certificationsThatApply(farm.certifications ?? [], product.id).map((cert) => ({
          ...cert,
          status: certificationStatus(cert, now),
        })),
        ...(harvestDate ? { harvestDate } : {}),
        tracePath: tracePagePath({ lot: lot.lotCode, ...(lot.gtin ? { gtin: lot.gtin } : {}) }),
      };
      return origin;
    }),
  );
  return found.filter((origin): origin is ListingOrigin => origin !== undefined);
}
