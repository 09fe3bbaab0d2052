import { communeKey } from '@chophien/core';
import { indexes } from '../table.ts';

export type ItemKeys = {
  PK: string;
  SK: string;
  GSI1PK?: string;
  GSI1SK?: string;
  GSI2PK?: string;
  GSI2SK?: string;
  GSI3PK?: string;
  GSI3SK?: string;
};

export const productKeys = (product: {
  id: string;
  farmerId: string;
  slug: string;
  status: string;
  createdAt: string;
}): ItemKeys => ({
  PK: `PRODUCT#${product.id}`,
  SK: 'PRODUCT',
  GSI1PK: `FARMER#${product.farmerId}`,
  GSI1SK: `PRODUCT#${product.createdAt}#${product.id}`,
  GSI2PK: `SLUG#${product.slug}`,
  GSI2SK: 'PRODUCT',
  GSI3PK: `CATALOG#${product.status}`,
  GSI3SK: `${product.createdAt}#${product.id}`,
});

export const productKey = (id: string) => ({ PK: `PRODUCT#${id}`, SK: 'PRODUCT' });
export const productBySlug = (slug: string) => ({ index: indexes.byCode, pk: `SLUG#${slug}` });
export const catalogByStatus = (status: string) => ({ index: indexes.byTime, pk: `CATALOG#${status}` });

export const userKeys = (user: {
  id: string;
  phone: string;
  province?: string | undefined;
  commune?: string | undefined;
  createdAt?: string | undefined;
}): ItemKeys => ({
  PK: `USER#${user.id}`,
  SK: 'PROFILE',
  // People of one commune, for the commune officer's list of households (key folded: no diacritics or case).
  ...(user.province && user.commune
    ? { GSI1PK: usersOfCommunePk(user.province, user.commune), GSI1SK: `USER#${user.id}` }
    : {}),
  // An erased profile has no phone (decision 0822): nobody finds it by one any more.
  ...(user.phone ? { GSI2PK: `PHONE#${user.phone}`, GSI2SK: 'USER' } : {}),
  // Everyone, newest first: the province admin's list of people (decision 0800).
  ...(user.createdAt ? { GSI3PK: PEOPLE_PK, GSI3SK: `${user.createdAt}#${user.id}` } : {}),
});
export const PEOPLE_PK = 'PEOPLE';
export const allPeople = () => ({ index: indexes.byTime, pk: PEOPLE_PK });
export const usersOfCommunePk = (province: string, commune: string) =>
  `COMMUNE#${communeKey(province, commune)}`;
export const usersOfCommune = (province: string, commune: string) => ({
  index: indexes.byOwner,
  pk: usersOfCommunePk(province, commune),
  skPrefix: 'USER#',
});
export const userKey = (id: string) => ({ PK: `USER#${id}`, SK: 'PROFILE' });

/** Marks that a named seed set was applied, so a second start adds nothing. */
export const seedMarkerKey = (name: string) => ({ PK: 'SYSTEM', SK: `SEED#${name}` });

/** Strips key attributes before an item leaves the repository layer. */
export function withoutKeys<T extends Record<string, unknown>>(item: T): Omit<T, keyof ItemKeys> {
  const { PK, SK, GSI1PK, GSI1SK, GSI2PK, GSI2SK, GSI3PK, GSI3SK, ...rest } = item as T & ItemKeys;
  return rest;
}
