/**
 * The DynamoDB actions a function may use on the table, by its declared data access (route `data`).
 * Exactly what the code calls through @aws-sdk/lib-dynamodb — Get, BatchGet (packages/db/src/batch-get.ts:
 * the search snapshot, people by id), Query, Put, Update, Delete and TransactWrite (whose items need
 * Put/Update/Delete/ConditionCheckItem) — and nothing else: no Scan, no BatchWrite, no DescribeTable, and no stream actions on the table ARN (IAM matches those only on a
 * stream ARN: aws/aws-cdk#34575). The artifact harness runs the journeys under these grants.
 */
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';

export type DataAccess = 'none' | 'read' | 'readwrite';

export const TABLE_READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'] as const;
export const TABLE_WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:ConditionCheckItem',
] as const;

/** Grants `access` on the table; reads also on its indexes (GSI queries need the index ARNs). */
export function grantTableAccess(grantee: IGrantable, table: ITableV2, access: DataAccess): void {
  if (access === 'none') return;
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: [...TABLE_READ_ACTIONS],
      resources: [table.tableArn, `${table.tableArn}/index/*`],
    }),
  );
  if (access === 'readwrite') {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions: [...TABLE_WRITE_ACTIONS], resources: [table.tableArn] }),
    );
  }
}
