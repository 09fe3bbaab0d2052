import type { Grant } from '../access/grants.ts';
import type { Role } from './roles.ts';

/** The signed-in person as every use-case sees it, whichever identity provider issued the token. */
export interface Actor {
  readonly userId: string;
  readonly roles: readonly Role[];
  readonly phone?: string;
  readonly name?: string;
  /**
   * Where the roles apply, read from the person's stored profile when the token is verified (never from the
   * request, never from the token). Absent = no scoped grant: market and commune checks then refuse.
   */
  readonly grants?: readonly Grant[];
}

export const hasRole = (actor: Actor, ...wanted: readonly Role[]): boolean =>
  actor.roles.some((role) => wanted.includes(role));
