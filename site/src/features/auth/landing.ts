import { type Actor, hasRole, type Role } from '@chophien/core';
import { verifyToken } from '@chophien/http';

/**
 * Where each role works, for the header's tools and for landing after sign-in. One person may hold
 * several roles: the header shows every tool, sign-in lands on the first of this order.
 */
export interface RoleTool {
  readonly path: string;
  readonly roles: readonly Role[];
  readonly label: { readonly vi: string; readonly en: string };
}

export const roleTools: readonly RoleTool[] = [
  { path: '/quan-tri', roles: ['admin'], label: { vi: 'Quản trị', en: 'Admin' } },
  { path: '/quan-ly-cho', roles: ['market_manager'], label: { vi: 'Quản lý chợ', en: 'Market office' } },
  { path: '/ban-hang', roles: ['vendor'], label: { vi: 'Bán hàng', en: 'Sell' } },
  { path: '/quay-thu', roles: ['vendor'], label: { vi: 'Quầy thu', en: 'Till' } },
  {
    path: '/nong-dan',
    roles: ['farmer', 'commune_officer'],
    label: { vi: 'Bàn nhà vườn', en: 'Producer desk' },
  },
];

export const toolsFor = (actor: Actor): RoleTool[] =>
  roleTools.filter((tool) => hasRole(actor, ...tool.roles));

/** After sign-in with no page to go back to: where the person's role works ("/" for a buyer). */
export const landingPath = (actor: Actor): string => toolsFor(actor)[0]?.path ?? '/';

/** The landing path for a token just issued at sign-in ("/" if it cannot be read: the home page is always safe). */
export async function landingAfterSignIn(idToken: string): Promise<string> {
  try {
    return landingPath(await verifyToken(idToken));
  } catch {
    return '/';
  }
}
