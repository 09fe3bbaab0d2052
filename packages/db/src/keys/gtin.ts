// Keys of GTIN ownership (decision 0902): one claim item per GTIN-14, naming the producer it belongs to.

export const gtinClaimKey = (gtin: string) => ({ PK: `GTIN#${gtin}`, SK: 'GTIN' });
