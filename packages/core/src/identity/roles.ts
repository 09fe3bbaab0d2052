export const roles = [
  'buyer',
  'farmer',
  'vendor',
  'market_manager',
  'commune_officer',
  'admin',
  // Issue #13.6–7 (decision 0820): a vendor's family member at one stall; a community digital team member.
  'stall_helper',
  'digital_helper',
] as const;
export type Role = (typeof roles)[number];

export const isRole = (value: unknown): value is Role => roles.includes(value as Role);
