import { readFileSync } from 'node:fs';
import {
  type Actor,
  actorFromProfile,
  advanceImport,
  dryRunImport,
  type ImportDeps,
  startImport,
} from '@chophien/core';
import { consoleStore, importStore, peopleStore } from '@chophien/db';
import { localIdentityDirectory } from '@chophien/functions/shared/identity-directory';
import { outboxSmsSender } from '@chophien/functions/shared/sms';
import ExcelJS from 'exceljs';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedId } from '../../../infra/local/src/seed/ids.ts';
import { startTestApi, type TestApi } from '../../support/api.ts';
import { importHeader, importRows, toCsvText } from '../../support/import-fixture.ts';

/** The spreadsheet import against DynamoDB Local: bad rows listed first, a real run, a re-run that changes nothing. */
let api: TestApi;
let deps: ImportDeps;
let admin: Actor;

beforeAll(async () => {
  api = await startTestApi();
  const people = peopleStore(api.db);
  deps = {
    people,
    console: consoleStore(api.db),
    imports: importStore(api.db),
    identity: localIdentityDirectory(),
    sms: outboxSmsSender(process.env.CHOPHIEN_OUTBOX_FILE ?? ''),
    clock: { now: () => new Date() },
    newId: () => ulid(),
    siteUrl: 'http://127.0.0.1:4321',
  };
  admin = actorFromProfile({ userId: seedId('admin', 1), roles: [] }, await people.get(seedId('admin', 1)))!;
});
afterAll(async () => {
  await api?.stop();
});

const csvFile = (rows: string[][]) => ({
  fileName: 'sap.csv',
  bytes: new TextEncoder().encode(toCsvText([importHeader, ...rows])),
});

describe('importing stalls from a spreadsheet (connected)', () => {
  it('a dry run lists every bad row with a Vietnamese message and writes nothing', async () => {
    const rows = importRows('TUCDUYEN', 6, { phoneBase: 960_000_000 });
    rows[1]![0] = 'Chợ Không Có';
    rows[2]![4] = '12345';
    rows[3]![5] = 'Ngân hàng Mặt Trăng';
    rows[4]![2] = rows[0]![2]!;
    rows[5]![7] = 'ba trăm nghìn';
    const dry = await dryRunImport(deps, admin, csvFile(rows));
    const byLine = dry.problems.map((problem) => [problem.line, problem.column]);
    expect(byLine).toEqual([
      [3, 'market'],
      [4, 'vendorPhone'],
      [5, 'bank'],
      [6, 'number'],
      [7, 'monthlyFeeVnd'],
    ]);
    expect(dry.problems[0]!.message.vi).toContain('Không có chợ “Chợ Không Có”');
    expect(dry.problems[3]!.message.vi).toContain('đã có ở dòng 2');
    await expect(startImport(deps, admin, csvFile(rows))).rejects.toMatchObject({
      code: 'import_has_errors',
    });
    expect(await peopleStore(api.db).getByPhone('+84960000000')).toBeUndefined();
  });

  it('refuses a file without the needed columns, and files that are not CSV or XLSX', async () => {
    const noPhone = await dryRunImport(deps, admin, {
      fileName: 'sap.csv',
      bytes: new TextEncoder().encode('Chợ,Khu,Số sạp\nTUCDUYEN,Khu A,X1\n'),
    });
    expect(noPhone.problems[0]!.message.vi).toContain('Tên người bán, Số điện thoại');
    const pdf = await dryRunImport(deps, admin, {
      fileName: 'sap.pdf',
      bytes: new Uint8Array([37, 80, 68, 70]),
    });
    expect(pdf.problems[0]!.message.vi).toContain('.xlsx hoặc .csv');
  });

  it('imports an XLSX: zones made, stalls written with their vendors invited; the same file again changes nothing', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Sạp');
    sheet.addRow(importHeader);
    for (const row of importRows('TUCDUYEN', 40, { phoneBase: 950_000_000 })) sheet.addRow(row);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const file = { fileName: 'danh-sach-sap.xlsx', bytes };

    const dry = await dryRunImport(deps, admin, file);
    expect(dry).toMatchObject({ rows: 40, newStalls: 40, unchanged: 0, newZones: 4, problems: [] });

    const job = await startImport(deps, admin, file);
    expect(job).toMatchObject({ total: 40, chunks: 1, status: 'running' });
    const done = await advanceImport(deps, admin, job.id);
    expect(done).toMatchObject({ status: 'done', created: 40, unchanged: 0, failed: 0 });
    const stalls = await deps.console.listStallsOfMarket(seedId('market', 1));
    const a0001 = stalls.find((stall) => stall.number === 'A0001');
    expect(a0001).toMatchObject({
      code: 'TUCDUYEN-A0001',
      zone: 'Khu A',
      declaredAccount: { bin: '970436' },
      monthlyFeeVnd: 300_000,
    });
    const vendor = await deps.people.getByPhone('+84950000000');
    expect(vendor).toMatchObject({ roles: ['vendor'], status: 'invited', name: 'Nguyễn Thị 1' });
    const outbox = readFileSync(process.env.CHOPHIEN_OUTBOX_FILE ?? '', 'utf8');
    expect(outbox).toContain('+84950000039');

    const again = await advanceImport(deps, admin, (await startImport(deps, admin, file)).id);
    expect(again).toMatchObject({ status: 'done', created: 0, unchanged: 40, failed: 0 });
    expect((await deps.console.listStallsOfMarket(seedId('market', 1))).length).toBe(stalls.length);
    expect((await dryRunImport(deps, admin, file)).unchanged).toBe(40);
  });

  it('a row for a stall that exists with another vendor is reported, not overwritten', async () => {
    const rows = importRows('TUCDUYEN', 2, { phoneBase: 950_000_000 });
    rows[1]![4] = '0940000001';
    const dry = await dryRunImport(deps, admin, csvFile(rows));
    expect(dry.problems).toHaveLength(1);
    expect(dry.problems[0]).toMatchObject({ line: 3, column: 'number' });
    const before = await deps.console.findStallByNumber(seedId('market', 1), rows[1]![2]!);
    const job = await advanceImport(deps, admin, (await startImport(deps, admin, csvFile([rows[0]!]))).id);
    expect(job).toMatchObject({ unchanged: 1, failed: 0 });
    expect(await deps.console.findStallByNumber(seedId('market', 1), rows[1]![2]!)).toEqual(before);
  });

  it('only an admin imports', async () => {
    const manager = actorFromProfile(
      { userId: seedId('manager', 1), roles: [] },
      await deps.people.get(seedId('manager', 1)),
    )!;
    await expect(dryRunImport(deps, manager, csvFile(importRows('TUCDUYEN', 1)))).rejects.toMatchObject({
      kind: 'forbidden',
    });
    await expect(startImport(deps, manager, csvFile(importRows('TUCDUYEN', 1)))).rejects.toMatchObject({
      kind: 'forbidden',
    });
  });
});
