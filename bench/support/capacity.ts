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

/**
 * The same, for every DynamoDB client in this process (the local API runs the handlers here, each with
 * its own client): `send` of both client classes is wrapped while the meter is installed. Read it over
 * sequential requests only: a nested send is told apart from the outer one by depth, process-wide.
 */
export async function meterEveryDynamoDbClient(): Promise<CapacityMeter & { uninstall(): void }> {
  const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
  const { DynamoDBDocumentClient } = await import('@aws-sdk/lib-dynamodb');
  let rcu = 0;
  let wcu = 0;
  let calls = 0;
  let depth = 0;
  const restore: Array<() => void> = [];
  for (const type of [DynamoDBClient, DynamoDBDocumentClient]) {
    const prototype = type.prototype as unknown as Record<string, unknown>;
    const own = Object.hasOwn(prototype, 'send');
    const original = prototype.send as (this: unknown, ...args: unknown[]) => Promise<unknown>;
    prototype.send = async function send(this: unknown, ...args: unknown[]) {
      const command = args[0] as {
        input: { ReturnConsumedCapacity?: string };
        constructor: { name: string };
      };
      command.input.ReturnConsumedCapacity ??= 'TOTAL';
      depth += 1;
      try {
        const output = (await original.apply(this, args)) as {
          ConsumedCapacity?: Consumed | Consumed[];
        };
        // A document client's send may run through the base client's: count the outermost call once.
        if (depth === 1) {
          calls += 1;
          const consumed = output.ConsumedCapacity;
          const reads = /^(Get|BatchGet|Query|Scan|TransactGet)/.test(command.constructor.name);
          for (const entry of Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) {
            if (reads) rcu += entry.CapacityUnits ?? 0;
            else wcu += entry.CapacityUnits ?? 0;
          }
        }
        return output;
      } finally {
        depth -= 1;
      }
    };
    restore.push(() => {
      if (own) prototype.send = original;
      else delete prototype.send;
    });
  }
  return {
    read: () => ({ rcu, wcu, calls }),
    reset: () => {
      rcu = 0;
      wcu = 0;
      calls = 0;
    },
    uninstall: () => {
      for (const undo of restore) undo();
    },
  };
}
