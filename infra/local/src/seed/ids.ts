/**
 * Fixed ULID-shaped ids for demo data, so seeding twice writes the same items (idempotent)
 * and tests can name them. Prefix `01SEED` cannot collide with ids minted at run time (2020s timestamps start 01J…).
 */
export const seedId = (kind: string, n: number): string => {
  const tag = kind
    .toUpperCase()
    .replace(/[^0-9A-HJKMNP-TV-Z]/g, 'X')
    .slice(0, 6)
    .padEnd(6, 'X');
  return `01SEED${tag}${String(n).padStart(14, '0')}`;
};
