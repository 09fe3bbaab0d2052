import type { Role } from './roles.ts';

/** The signed-in person as every use-case sees it, whichever identity provider issued the token. */
export interface Actor {
  readonly userId: string;
  readonly roles: readonly Role[];
  readonly phone?: string;
  readonly name?: string;
}

export const hasRole = (actor: Actor, ...wanted: readonly Role[]): boolean =>
  actor.roles.some((role) => wanted.includes(role));
