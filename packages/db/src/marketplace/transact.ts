import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../client.ts';
import { isThrottled } from '../throttling.ts';

export type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

/** Per item, why a cancelled transaction failed ('None' for items that were fine). */
export type TransactOutcome = { ok: true } | { ok: false; reasons: string[] };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One TransactWrite, retried only while it loses to a concurrent transaction on the same items
 * (TransactionConflict): under a rush on one product that is contention, not a refusal. A failed
 * condition is the answer and returns at once.
 */
export async function transactWrite(
  db: Db,
  items: TransactItems,
  maxAttempts = 12,
): Promise<TransactOutcome> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await db.doc.send(new TransactWriteCommand({ TransactItems: items }));
      return { ok: true };
    } catch (error) {
      if (isThrottled(error)) {
        if (attempt >= maxAttempts) throw error;
        await sleep(Math.random() * Math.min(10 * 2 ** attempt, 400));
        continue;
      }
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = (error.CancellationReasons ?? []).map((reason) => reason.Code ?? 'None');
      const conditionFailed = reasons.includes('ConditionalCheckFailed');
      const contended = reasons.some((code) => code === 'TransactionConflict');
      if (conditionFailed) return { ok: false, reasons };
      if (!contended || attempt >= maxAttempts) throw error;
      await sleep(Math.random() * Math.min(10 * 2 ** attempt, 400));
    }
  }
}
