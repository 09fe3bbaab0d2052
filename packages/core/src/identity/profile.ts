import * as z from 'zod';
import { grantSchema } from '../access/grants.ts';
import { roles } from './roles.ts';
import type { Actor } from './user.ts';

/**
 * `invited`: made by someone else, not signed in yet; `deactivated`: refused everywhere (decision 0800);
 * `erased`: the person asked for deletion, the profile is anonymised and refused everywhere (decision 0822).
 */
export const profileStatuses = ['invited', 'active', 'deactivated', 'erased'] as const;
export type ProfileStatus = (typeof profileStatuses)[number];

export const userProfileSchema = z.object({
  id: z.string(),
  /** E.164, as Cognito stores it: +84…; empty once the person's account is erased (decision 0822). */
  phone: z.union([z.string().regex(/^\+84\d{9,10}$/), z.literal('')]),
  name: z.string().min(1).max(100),
  /** Derived from `grants` whenever grants are written (rolesOf); kept for indexes and older readers. */
  roles: z.array(z.enum(roles)),
  /** What the person may do and where; the one source the access module reads (absent on older profiles). */
  grants: z.array(grantSchema).optional(),
  status: z.enum(profileStatuses).optional(),
  /** Bumped on every change of grants or status, so two admins editing at once cannot overwrite each other. */
  version: z.number().int().nonnegative().optional(),
  province: z.string().optional(),
  commune: z.string().optional(),
  createdAt: z.string(),
  invitedBy: z.string().optional(),
  updatedAt: z.string().optional(),
  /**
   * Set on a farming household created by a commune officer or digital team member with its recorded
   * consent (decision 0821): `withdrawn` once the household takes it back, and then nobody acts for it.
   */
  onBehalfConsent: z.enum(['given', 'withdrawn']).optional(),
});
export type UserProfile = z.infer<typeof userProfileSchema>;

/**
 * The profile of a person who signed themselves up with their phone (the storefront's sign-in, locally
 * through the dev identity provider, on AWS through Cognito's post-confirmation trigger): a buyer,
 * named after the phone's last digits until they say otherwise. Every other role is given, never taken.
 */
export function newBuyerProfile(userId: string, phone: string, now: Date): UserProfile {
  return userProfileSchema.parse({
    id: userId,
    phone,
    name: `Người mua ${phone.slice(-4)}`,
    roles: ['buyer'],
    grants: [{ role: 'buyer' }],
    status: 'active',
    createdAt: now.toISOString(),
  });
}

export interface UserRepository {
  get(id: string): Promise<UserProfile | undefined>;
  getByPhone(phone: string): Promise<UserProfile | undefined>;
  put(user: UserProfile): Promise<void>;
}

export interface Me {
  readonly userId: string;
  readonly roles: Actor['roles'];
  readonly name: string | undefined;
  readonly phone: string | undefined;
  readonly province: string | undefined;
  readonly commune: string | undefined;
  /** False when the identity provider knows the person but the platform has no profile yet. */
  readonly registered: boolean;
}

/** `GET /me`: who the token says you are, completed with the platform's profile. */
export async function getProfile(deps: { users: UserRepository }, actor: Actor): Promise<Me> {
  const profile = await deps.users.get(actor.userId);
  return {
    userId: actor.userId,
    roles: actor.roles,
    name: profile?.name ?? actor.name,
    phone: profile?.phone ?? actor.phone,
    province: profile?.province,
    commune: profile?.commune,
    registered: profile !== undefined,
  };
}
