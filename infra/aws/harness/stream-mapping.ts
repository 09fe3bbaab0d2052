/**
 * A DynamoDB Streams event source mapping as its template describes it: the table's stream (read from
 * DynamoDB Local's own Streams API), the filter criteria (Lambda event filtering: only matching
 * records are delivered, the rest dropped), the batch size, and the target function, which gets
 * `{ Records: [...] }` batches shaped like Lambda's (`eventSource: aws:dynamodb`, `eventSourceARN`).
 * The poller reads with the function's role, as Lambda does: its stream grants are checked too.
 * `drain()` delivers everything written so far (tests call it where Lambda would poll).
 */
import type { Json, ResourceRef } from './assembly.ts';
import type { Deployment } from './deployment.ts';
import type { Decision } from './iam.ts';
import type { Invocation, Sandbox } from './sandbox.ts';

type Pattern = { [key: string]: Pattern | readonly unknown[] };

/** Lambda event filtering (the subset of the pattern syntax: values, prefix, exists, anything-but). */
export function matchesPattern(pattern: Pattern, value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  const record = value as Record<string, unknown>;
  return Object.entries(pattern).every(([key, expected]) => {
    const actual = record[key];
    if (!Array.isArray(expected)) return matchesPattern(expected as Pattern, actual);
    return expected.some((rule) => {
      if (rule === null || typeof rule !== 'object') return actual === rule;
      const spec = rule as Record<string, unknown>;
      if ('exists' in spec) return spec['exists'] === (actual !== undefined);
      if ('prefix' in spec) return typeof actual === 'string' && actual.startsWith(String(spec['prefix']));
      if ('anything-but' in spec) {
        const excluded = ([] as unknown[]).concat(spec['anything-but']);
        return actual !== undefined && !excluded.includes(actual);
      }
      return false;
    });
  });
}

interface StreamRecord {
  eventID: string;
  eventName: string;
  eventVersion: string;
  eventSource: string;
  awsRegion: string;
  dynamodb: Record<string, unknown>;
}

export interface StreamMapping {
  readonly functionArn: string;
  readonly deliveries: Invocation[];
  /** Delivers every record written since the last drain; resolves with the batches' outcomes. */
  drain(): Promise<Invocation[]>;
  start(): Promise<void>;
}

export function streamMapping(options: {
  mapping: ResourceRef;
  deployment: Deployment;
  dynamoDbEndpoint: string;
  /** Physical table name of the stream's table (the mapping names the stream ARN). */
  tableOfStream: (streamArn: string) => string;
  functionByArn: (arn: string) => Sandbox | undefined;
  authorize: (functionArn: string, action: string, resource: string) => Promise<Decision>;
}): StreamMapping {
  const { mapping, deployment } = options;
  const props = mapping.resource.Properties!;
  const streamArn = deployment.resolveString(mapping.stack, props['EventSourceArn'] as Json);
  const functionName = deployment.resolveString(mapping.stack, props['FunctionName'] as Json);
  const fnRef = deployment.logicalOf(functionName);
  if (!fnRef) throw new Error(`${mapping.logicalId}: unknown function ${functionName}`);
  const functionArn = deployment.physicalOf(fnRef.stack, fnRef.logicalId).attributes['Arn']!;
  const filters = (
    (props['FilterCriteria'] as { Filters?: { Pattern: string }[] } | undefined)?.Filters ?? []
  ).map((filter) => JSON.parse(filter.Pattern) as Pattern);
  const batchSize = Number(props['BatchSize'] ?? 100);
  const table = options.tableOfStream(streamArn);
  const iterators = new Map<string, string | undefined>();
  const deliveries: Invocation[] = [];

  const streams = async <T>(operation: string, body: unknown): Promise<T> => {
    const response = await fetch(options.dynamoDbEndpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': `DynamoDBStreams_20120810.${operation}`,
        authorization:
          'AWS4-HMAC-SHA256 Credential=harness/20260101/ap-southeast-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
      },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`DynamoDB Streams ${operation}: ${response.status} ${text}`);
    return JSON.parse(text) as T;
  };

  const localStreamArn = async () => {
    const response = await fetch(options.dynamoDbEndpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'DynamoDB_20120810.DescribeTable',
        authorization:
          'AWS4-HMAC-SHA256 Credential=harness/20260101/ap-southeast-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
      },
      body: JSON.stringify({ TableName: table }),
    });
    const described = (await response.json()) as { Table?: { LatestStreamArn?: string } };
    const arn = described.Table?.LatestStreamArn;
    if (!arn) throw new Error(`${table} has no stream in DynamoDB Local`);
    return arn;
  };

  let local: string | undefined;
  const shardIterators = async (type: 'LATEST' | 'TRIM_HORIZON') => {
    local ??= await localStreamArn();
    const described = await streams<{ StreamDescription: { Shards: { ShardId: string }[] } }>(
      'DescribeStream',
      {
        StreamArn: local,
      },
    );
    for (const shard of described.StreamDescription.Shards) {
      if (iterators.has(shard.ShardId)) continue;
      const { ShardIterator } = await streams<{ ShardIterator?: string }>('GetShardIterator', {
        StreamArn: local,
        ShardId: shard.ShardId,
        ShardIteratorType: type,
      });
      iterators.set(shard.ShardId, ShardIterator);
    }
  };

  return {
    functionArn,
    deliveries,
    async start() {
      // ListStreams takes no resource (IAM: wildcard only); the other three name the stream.
      for (const [action, resource] of [
        ['DescribeStream', streamArn],
        ['GetShardIterator', streamArn],
        ['GetRecords', streamArn],
        ['ListStreams', '*'],
      ] as const) {
        const decision = await options.authorize(functionArn, `dynamodb:${action}`, resource);
        if (!decision.allowed)
          throw new Error(
            `${mapping.logicalId}: the function's role cannot read the stream: ${decision.reason}`,
          );
      }
      await shardIterators('LATEST');
    },
    async drain() {
      await shardIterators('TRIM_HORIZON');
      const records: StreamRecord[] = [];
      for (const [shard, iterator] of iterators) {
        let next = iterator;
        while (next) {
          const page = await streams<{ Records: StreamRecord[]; NextShardIterator?: string }>('GetRecords', {
            ShardIterator: next,
          });
          records.push(...page.Records);
          iterators.set(shard, page.NextShardIterator);
          if (page.Records.length === 0) break;
          next = page.NextShardIterator;
        }
      }
      const matching = records
        .map((record) => ({ ...record, awsRegion: mapping.stack.region, eventSourceARN: streamArn }))
        .filter(
          (record) => filters.length === 0 || filters.some((pattern) => matchesPattern(pattern, record)),
        );
      const outcomes: Invocation[] = [];
      const fn = options.functionByArn(functionArn);
      if (!fn) throw new Error(`${mapping.logicalId}: no sandbox for ${functionArn}`);
      for (let start = 0; start < matching.length; start += batchSize) {
        const outcome = await fn.invoke({ Records: matching.slice(start, start + batchSize) });
        outcomes.push(outcome);
        deliveries.push(outcome);
      }
      return outcomes;
    },
  };
}
