import { conflict, DomainError } from '../errors/domain-error.ts';

/**
 * A GTIN belongs to one producer: the one whose GS1 company prefix it is (decision 0902). The platform
 * learns it from the producer's own listing ("this product's GTIN"), which claims it with one conditional
 * write; a lot may then use only a GTIN its farm's owner has claimed. The claim is never handed over: a
 * GTIN moving to another producer is a GS1 matter, done by an admin, not by whoever types it first.
 */
export interface GtinClaims {
  /** Claims `gtin` for `ownerId`; true when it was free or is already theirs, false when someone else's. */
  claimGtin(gtin: string, ownerId: string, listingId: string): Promise<boolean>;
}

export interface GtinOwners {
  /** Who the GTIN belongs to; undefined when no listing has claimed it. */
  gtinOwner(gtin: string): Promise<string | undefined>;
}

export const gtinTaken = (): DomainError =>
  conflict('gtin_taken', {
    vi: 'GTIN này đã thuộc về một nhà sản xuất khác trên Chợ Phiên.',
    en: 'This GTIN already belongs to another producer on Chợ Phiên.',
  });

/** Why a lot may not carry `gtin` for a farm owned by `ownerId`; undefined when it may. */
export function lotGtinRefusal(gtinOwner: string | undefined, ownerId: string): DomainError | undefined {
  if (gtinOwner === ownerId) return undefined;
  if (gtinOwner === undefined) {
    return new DomainError(
      'unprocessable',
      'gtin_not_listed',
      {
        vi: 'GTIN này chưa có trong sản phẩm nào của hộ. Hãy ghi GTIN vào sản phẩm trước, rồi tạo lô.',
        en: 'None of the household’s listings has this GTIN. Add it to the listing first, then create the lot.',
      },
      {
        fields: [
          {
            path: 'gtin',
            code: 'gtin_not_listed',
            message: {
              vi: 'GTIN chưa có trong sản phẩm của hộ.',
              en: 'No listing of the household has this GTIN.',
            },
          },
        ],
      },
    );
  }
  return new DomainError(
    'forbidden',
    'gtin_not_yours',
    {
      vi: 'GTIN này thuộc về một nhà sản xuất khác; lô chỉ được dùng GTIN của chính sản phẩm của hộ.',
      en: 'This GTIN belongs to another producer; a lot may only use a GTIN of the household’s own listings.',
    },
    {
      fields: [
        {
          path: 'gtin',
          code: 'gtin_not_yours',
          message: { vi: 'GTIN của nhà sản xuất khác.', en: 'Another producer’s GTIN.' },
        },
      ],
    },
  );
}
