import { type Actor, actorFromProfile, type UserProfile } from '../../src/index.ts';

/** A stored person with only what a test sets (grants, status, place) besides an id, phone and name. */
export const profile = (id: string, fields: Partial<UserProfile>): UserProfile => ({
  id,
  phone: '+84912000001',
  name: `Người ${id}`,
  roles: [],
  createdAt: '2026-01-01T00:00:00Z',
  ...fields,
});

/** The actor the access module derives from that stored person (the profile is the authority, 0800). */
export const actor = (p: UserProfile): Actor => actorFromProfile({ userId: p.id, roles: [] }, p)!;
