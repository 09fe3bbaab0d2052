import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from '../../src/markets/figures.ts';
import { parseStatementCsv, reconcile } from '../../src/markets/reconciliation.ts';

describe('CSV', () => {
  it('quotes separators and defuses spreadsheet formulas', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField(-5)).toBe('-5');
    expect(toCsv(['a', 'b'], [[1, 'x']])).toBe('a,b\r\n1,x\r\n');
  });
});

describe('statement reconciliation', () => {
  it('reads Vietnamese headers, thousands dots and semicolons', () => {
    expect(parseStatementCsv('\uFEFFMa giao dich;So tien\nFT1;50.000\n\nFT2;1.250.000 VND\n')).toEqual([
      { transactionId: 'FT1', amountVnd: 50_000, line: 2 },
      { transactionId: 'FT2', amountVnd: 1_250_000, line: 4 },
    ]);
  });

  it('matches by transaction id both ways', () => {
    const entry = (id: string, amountVnd: number) =>
      ({ providerTransactionId: id, amountVnd, stallId: 's', receivedAt: 't' }) as Parameters<
        typeof reconcile
      >[0][number];
    const report = reconcile(
      [entry('A', 1000), entry('B', 2000), entry('C', 3000)],
      [
        { transactionId: 'A', amountVnd: 1000, line: 2 },
        { transactionId: 'B', amountVnd: 2500, line: 3 },
        { transactionId: 'D', amountVnd: 4000, line: 4 },
      ],
    );
    expect(report.matched).toBe(1);
    expect(report.amountMismatch).toEqual([{ transactionId: 'B', ledgerVnd: 2000, statementVnd: 2500 }]);
    expect(report.notInLedger.map((row) => row.transactionId)).toEqual(['D']);
    expect(report.notInStatement.map((row) => row.transactionId)).toEqual(['C']);
  });
});
