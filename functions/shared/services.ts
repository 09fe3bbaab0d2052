import { createDb, type Db, productRepository, userRepository } from '@chophien/db';
// Loads secrets and published settings named by ARN/parameter before any handler runs (AWS only).
import './secrets.ts';

/**
 * Adapters built once per Lambda container (cold start) and reused by every invocation.
 * Local mode runs the same handlers in one process, so they share these too.
 */
let db: Db | undefined;

export const services = () => {
  db ??= createDb();
  return { db, products: productRepository(db), users: userRepository(db) };
};
