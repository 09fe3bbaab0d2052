/**
 * The province console's spreadsheet import: 10,000 stalls (each with a new vendor, invited) into one
 * market on DynamoDB Local, through the same core use-cases the console page runs (check, store the job,
 * write every chunk). Own table on the stack's DynamoDB; loopback only.
 */
import { type Actor, advanceImport, type ImportDeps, makeAdmin, startImport } from '@chophien/core';
import { consoleStore, createDb, importStore, migrateTable, peopleStore } from '@chophien/db';
import { localIdentityDirectory } from '@chophien/functions/shared/identity-directory';
import { ulid } from 'ulid';
import { importHeader, importRows, toCsvText } from '../../test/support/import-fixture.ts';
import type { BenchArea } from '../contract.ts';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 10_000);

export const area: BenchArea = {
  name: 'admin',
  needsStack: true,
  floors: {
    'admin.importStalls10kMs': { op: '<=', value: 60_000 },
    'admin.importRowsPerSec': { op: '>=', value: 167 },
  },
  async run({ log }) {
    const db = createDb({
      TABLE_NAME: `bench_admin_${Date.now().toString(36)}`,
      DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT ?? 'http://127.0.0.1:8000',
      AWS_REGION: 'ap-southeast-1',
    });
    await migrateTable(db.raw, db.tableName);
    let texts = 0;
    const deps: ImportDeps = {
      people: peopleStore(db),
      console: consoleStore(db),
      imports: importStore(db),
      identity: localIdentityDirectory(),
      sms: {
        send: async () => {
          texts += 1;
        },
      },
      clock: { now: () => new Date() },
      newId: () => ulid(),
      siteUrl: 'http://127.0.0.1:4321',
    };
    const made = await makeAdmin(deps, { phone: '+84977000999', name: 'Quản trị thử' });
    const admin: Actor = { userId: made.person.id, roles: ['admin'], grants: [{ role: 'admin' }] };
    const { createMarket } = await import('@chophien/core');
    await createMarket(deps, admin, {
      name: 'Chợ đo tải',
      code: 'DOTAI',
      province: 'Thái Nguyên',
      commune: 'xã Tân Cương',
      monthlyStallFeeVnd: 300_000,
    });
    const csv = toCsvText([importHeader, ...importRows('DOTAI', ROWS, { phoneBase: 930_000_000 })]);
    const file = { fileName: 'sap.csv', bytes: new TextEncoder().encode(csv) };
    const started = performance.now();
    const job = await startImport(deps, admin, file);
    const done = await advanceImport(deps, admin, job.id);
    const ms = Math.round(performance.now() - started);
    log(`admin: ${done.created} stalls created, ${done.failed} failed, ${texts} invitations, ${ms} ms`);
    if (done.created !== ROWS) throw new Error(`import wrote ${done.created} of ${ROWS} stalls`);
    db.raw.destroy();
    return {
      'admin.importStalls10kMs': Math.round((ms * 10_000) / ROWS),
      'admin.importRowsPerSec': Math.round((ROWS * 1000) / ms),
    };
  },
};
