/**
 * DynamoDB capacity as AWS would bill it: every command asks for ReturnConsumedCapacity and the units
 * DynamoDB (Local computes them the same way, from item sizes) reports are summed per table and index.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

interface Consumed {
  CapacityUnits?: number;
}

const READS = /^(GetItem|BatchGetItem|Query|Scan|TransactGetItems)Command$/;

export interface CapacityMeter {
  /** Units since the last reset: reads (RCU) and writes (WCU), base table and indexes together. */
  read(): { rcu: number; wcu: number; calls: number };
  reset(): void;
}

export function meterCapacity(client: DynamoDBClient): CapacityMeter {
  let rcu = 0;
  let wcu = 0;
  let calls = 0;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { ReturnConsumedCapacity?: string };
      input.ReturnConsumedCapacity ??= 'TOTAL';
      const result = await next(args);
      const consumed = (result.output as { ConsumedCapacity?: Consumed | Consumed[] }).ConsumedCapacity;
      const reads = READS.test(context.commandName ?? '');
      calls += 1;
      for (const entry of Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) {
        // DynamoDB reports total units per call; a call reads or writes (transactions count double).
        if (reads) rcu += entry.CapacityUnits ?? 0;
        else wcu += entry.CapacityUnits ?? 0;
      }
      return result;
    },
    { step: 'initialize', name: 'chophienCapacityMeter' },
  );
  return {
    read: () => ({ rcu, wcu, calls }),
    reset: () => {
      rcu = 0;
      wcu = 0;
      calls = 0;
    },
  };
}
