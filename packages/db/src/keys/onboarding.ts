// Keys of onboarding: stall helpers, standee rounds (see docs/decisions/0002-table-design.md, "Onboarding").

/** A helper of a stall, listed under the stall (written with the helper's grant, decision 0820). */
export const stallHelperKey = (stallId: string, helperId: string) => ({
  PK: `STALL#${stallId}`,
  SK: `HELPER#${helperId}`,
});
export const stallHelpersPrefix = (stallId: string) => ({ PK: `STALL#${stallId}`, SKPrefix: 'HELPER#' });

/** A household's account waiting for the code texted to its phone (TTL, decision 0821). */
export const householdRequestKey = (id: string) => ({ PK: `HOUSEHOLDREQ#${id}`, SK: 'REQUEST' });
