export const roles = ['buyer', 'farmer', 'vendor', 'market_manager', 'commune_officer', 'admin'] as const;
export type Role = (typeof roles)[number];

export const isRole = (value: unknown): value is Role => roles.includes(value as Role);
