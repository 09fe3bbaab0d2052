import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { createHandler } from '@chophien/http';
import { route } from '../routes.ts';
import { services } from '../shared/services.ts';

/** Liveness plus one real read, so "up" means the table answers too. */
export const handler = createHandler(route('GET /health'), {
  async handle() {
    const { db } = services();
    const started = performance.now();
    await db.doc.send(new GetCommand({ TableName: db.tableName, Key: { PK: 'SYSTEM', SK: 'HEALTH' } }));
    return { status: 'ok', table: 'ok', dbMs: Math.round(performance.now() - started) };
  },
});
