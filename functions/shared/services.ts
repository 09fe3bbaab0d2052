import { createDb, type Db, productRepository, userRepository } from '@chophien/db';

/**
 * Adapters built once per Lambda container (cold start) and reused by every invocation.
 * Local mode runs the same handlers in one process, so they share these too.
 */
let db: Db | undefined;

export const services = () => {
  db ??= createDb();
  return { db, products: productRepository(db), users: userRepository(db) };
};
