/**
 * DynamoDB capacity as AWS would bill it: every command asks for ReturnConsumedCapacity and the units
 * DynamoDB (Local computes them the same way, from item sizes) reports are summed, base table and
 * indexes together.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

interface Consumed {
  CapacityUnits?: number;
}

const READS = /^(GetItem|BatchGetItem|Query|Scan|TransactGetItems|Get|BatchGet|TransactGet)(Command)?$/;

export interface CapacityMeter {
  /** Units since the last reset: reads (RCU) and writes (WCU), base table and indexes together. */
  read(): { rcu: number; wcu: number; calls: number };
  reset(): void;
}

/** Units summed per call: DynamoDB reports a call's total; a call reads or writes (transactions count double). */
function tally(): CapacityMeter & {
  add(commandName: string, consumed: Consumed | Consumed[] | undefined): void;
} {
  let rcu = 0;
  let wcu = 0;
  let calls = 0;
  return {
    add(commandName, consumed) {
      calls += 1;
      const reads = READS.test(commandName);
      for (const entry of Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) {
        if (reads) rcu += entry.CapacityUnits ?? 0;
        else wcu += entry.CapacityUnits ?? 0;
      }
    },
    read: () => ({ rcu, wcu, calls }),
    reset: () => {
      rcu = 0;
      wcu = 0;
      calls = 0;
    },
  };
}

export function meterCapacity(client: DynamoDBClient): CapacityMeter {
  const units = tally();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { ReturnConsumedCapacity?: string };
      input.ReturnConsumedCapacity ??= 'TOTAL';
      const result = await next(args);
      units.add(
        context.commandName ?? '',
        (result.output as { ConsumedCapacity?: Consumed | Consumed[] }).ConsumedCapacity,
      );
      return result;
    },
    { step: 'initialize', name: 'chophienCapacityMeter' },
  );
  return { read: units.read, reset: units.reset };
}

/**
 * The same, for every DynamoDB client in this process (the local API runs the handlers here, each with
 * its own client): `send` of both client classes is wrapped while the meter is installed. Read it over
 * sequential requests only: a nested send is told apart from the outer one by depth, process-wide.
 */
export async function meterEveryDynamoDbClient(): Promise<CapacityMeter & { uninstall(): void }> {
  const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
  const { DynamoDBDocumentClient } = await import('@aws-sdk/lib-dynamodb');
  const units = tally();
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
        const output = (await original.apply(this, args)) as { ConsumedCapacity?: Consumed | Consumed[] };
        // A document client's send may run through the base client's: count the outermost call once.
        if (depth === 1) units.add(command.constructor.name, output.ConsumedCapacity);
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
    read: units.read,
    reset: units.reset,
    uninstall: () => {
      for (const undo of restore) undo();
    },
  };
}
