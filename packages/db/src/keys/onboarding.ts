// Keys of onboarding: stall helpers, standee rounds (see docs/decisions/0002-table-design.md, "Onboarding").
import type { ItemKeys } from './foundation.ts';

/** A helper of a stall, listed under the stall (written with the helper's grant, decision 0820). */
export const stallHelperKey = (stallId: string, helperId: string) => ({
  PK: `STALL#${stallId}`,
  SK: `HELPER#${helperId}`,
});
export const stallHelpersPrefix = (stallId: string) => ({ PK: `STALL#${stallId}`, SKPrefix: 'HELPER#' });

/** A household's account waiting for the code texted to its phone (TTL, decision 0821). */
export const householdRequestKey = (id: string) => ({ PK: `HOUSEHOLDREQ#${id}`, SK: 'REQUEST' });

/** A manager's standee round; a market's rounds newest first on GSI1; each stall's latest verdict in it. */
export const roundKey = (id: string) => ({ PK: `ROUND#${id}`, SK: 'ROUND' });
export const roundKeys = (round: { id: string; marketId: string; startedAt: string }): ItemKeys => ({
  ...roundKey(round.id),
  GSI1PK: roundsOfMarketPk(round.marketId),
  GSI1SK: `${round.startedAt}#${round.id}`,
});
export const roundsOfMarketPk = (marketId: string) => `MARKET#${marketId}#ROUNDS`;
export const roundCheckKey = (roundId: string, stallId: string) => ({
  PK: `ROUND#${roundId}`,
  SK: `CHECK#${stallId}`,
});
export const roundChecksPrefix = (roundId: string) => ({ PK: `ROUND#${roundId}`, SKPrefix: 'CHECK#' });
