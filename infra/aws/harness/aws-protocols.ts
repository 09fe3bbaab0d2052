/**
 * How each AWS service the functions call names its operations on the wire, and which IAM action and
 * resource ARN each operation is authorized as (per the service authorization reference), so the
 * stand-in can ask the policy simulator before answering.
 */
import type { IncomingMessage } from 'node:http';

export interface AwsCall {
  readonly service: string;
  readonly operation: string;
  /** Every IAM authorization the operation needs: all must be allowed. */
  readonly authorizations: readonly { readonly action: string; readonly resource: string }[];
}

export interface Place {
  readonly region: string;
  readonly account: string;
}

type DynamoBody = Record<string, unknown>;

const tableArn = (place: Place, table: string) =>
  table.startsWith('arn:') ? table : `arn:aws:dynamodb:${place.region}:${place.account}:table/${table}`;

/** DynamoDB (JSON 1.0, `X-Amz-Target: DynamoDB_20120810.<Op>`). Transactions need each item's action. */
export function dynamoDbCall(operation: string, body: DynamoBody, place: Place): AwsCall {
  const auth = (action: string, table: string, index?: string) => ({
    action: `dynamodb:${action}`,
    resource: `${tableArn(place, table)}${index ? `/index/${index}` : ''}`,
  });
  const table = String(body['TableName'] ?? '');
  switch (operation) {
    case 'TransactWriteItems': {
      const items = (body['TransactItems'] ?? []) as Record<string, { TableName: string }>[];
      const actions: Record<string, string> = {
        Put: 'PutItem',
        Update: 'UpdateItem',
        Delete: 'DeleteItem',
        ConditionCheck: 'ConditionCheckItem',
      };
      return {
        service: 'dynamodb',
        operation,
        authorizations: items.flatMap((item) =>
          Object.entries(item).map(([kind, spec]) => auth(actions[kind] ?? kind, spec.TableName)),
        ),
      };
    }
    case 'TransactGetItems': {
      const items = (body['TransactItems'] ?? []) as { Get: { TableName: string } }[];
      return {
        service: 'dynamodb',
        operation,
        authorizations: items.map((item) => auth('GetItem', item.Get.TableName)),
      };
    }
    case 'BatchGetItem':
    case 'BatchWriteItem': {
      const tables = Object.keys((body['RequestItems'] ?? {}) as object);
      return { service: 'dynamodb', operation, authorizations: tables.map((name) => auth(operation, name)) };
    }
    case 'Query':
    case 'Scan':
      return {
        service: 'dynamodb',
        operation,
        authorizations: [auth(operation, table, body['IndexName'] as string | undefined)],
      };
    default:
      return { service: 'dynamodb', operation, authorizations: [auth(operation, table)] };
  }
}

export const secretArnFor = (place: Place, name: string) =>
  `arn:aws:secretsmanager:${place.region}:${place.account}:secret:${name}`;

export const parameterArnFor = (place: Place, name: string) =>
  `arn:aws:ssm:${place.region}:${place.account}:parameter/${name.replace(/^\//, '')}`;

/** The S3 REST call a request is (virtual-hosted or path style). */
export function s3CallOf(
  req: IncomingMessage,
  host: string,
  url: URL,
): AwsCall & { bucket: string; key: string; copySource?: { bucket: string; key: string } } {
  const virtual = /^(.+)\.s3[.-]/.exec(host);
  const segments = url.pathname.slice(1).split('/');
  const bucket = virtual ? virtual[1]! : decodeURIComponent(segments.shift() ?? '');
  const key = (virtual ? segments : segments).map(decodeURIComponent).join('/');
  const objectArn = `arn:aws:s3:::${bucket}/${key}`;
  const method = req.method ?? 'GET';
  const copy = req.headers['x-amz-copy-source'];
  if (!key) {
    if (method === 'POST' && url.searchParams.has('delete')) {
      return { service: 's3', operation: 'DeleteObjects', bucket, key, authorizations: [] };
    }
    return {
      service: 's3',
      operation: 'ListObjectsV2',
      bucket,
      key,
      authorizations: [{ action: 's3:ListBucket', resource: `arn:aws:s3:::${bucket}` }],
    };
  }
  if (method === 'PUT' && typeof copy === 'string') {
    const [sourceBucket = '', ...rest] = decodeURIComponent(copy.replace(/^\//, '')).split('/');
    const sourceKey = rest.join('/').split('?')[0]!;
    return {
      service: 's3',
      operation: 'CopyObject',
      bucket,
      key,
      copySource: { bucket: sourceBucket, key: sourceKey },
      authorizations: [
        { action: 's3:PutObject', resource: objectArn },
        { action: 's3:GetObject', resource: `arn:aws:s3:::${sourceBucket}/${sourceKey}` },
      ],
    };
  }
  const byMethod: Record<string, [string, string]> = {
    GET: ['GetObject', 's3:GetObject'],
    HEAD: ['HeadObject', 's3:GetObject'],
    PUT: ['PutObject', 's3:PutObject'],
    POST: ['PutObject', 's3:PutObject'],
    DELETE: ['DeleteObject', 's3:DeleteObject'],
  };
  const [operation, action] = byMethod[method] ?? ['Unknown', `s3:${method}`];
  return { service: 's3', operation, bucket, key, authorizations: [{ action, resource: objectArn }] };
}
