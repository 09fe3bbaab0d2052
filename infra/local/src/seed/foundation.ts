import { productRepository, userRepository } from '@chophien/db';
import type { SeedSet } from './index.ts';
import { seedProducts } from './products.ts';
import { seedUsers } from './users.ts';

export const foundationSeedSets: SeedSet[] = [
  {
    name: 'users-v1',
    async apply(db) {
      const users = userRepository(db);
      for (const user of seedUsers) await users.put(user);
      return seedUsers.length;
    },
  },
  {
    // Data dirs seeded before grants existed: the same people again, now with their grants (decision 0800).
    name: 'users-grants-v1',
    async apply(db) {
      const users = userRepository(db);
      for (const user of seedUsers) await users.put(user);
      return seedUsers.length;
    },
  },
  {
    name: 'products-v1',
    async apply(db) {
      const products = productRepository(db);
      for (const product of seedProducts) await products.put(product);
      return seedProducts.length;
    },
  },
];
