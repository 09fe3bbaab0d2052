/**
 * Data: the platform's single DynamoDB table, built from the one definition in packages/db.
 */
import { tableDefinition } from '@chophien/db/table';
import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, Billing, StreamViewType, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';

export interface DataProps {
  /** Physical table name; CloudFormation generates one when omitted (safe for several stages). */
  readonly tableName?: string;
}

export class Data extends Construct {
  readonly table: TableV2;

  constructor(scope: Construct, id: string, props: DataProps = {}) {
    super(scope, id);
    const key = (name: string) => ({ name, type: AttributeType.STRING });
    this.table = new TableV2(this, 'Table', {
      ...(props.tableName ? { tableName: props.tableName } : {}),
      partitionKey: key(tableDefinition.keyAttributes.partitionKey),
      sortKey: key(tableDefinition.keyAttributes.sortKey),
      globalSecondaryIndexes: tableDefinition.indexes.map((index) => ({
        indexName: index.indexName,
        partitionKey: key(index.partitionKey),
        sortKey: key(index.sortKey),
      })),
      timeToLiveAttribute: tableDefinition.ttlAttribute,
      // The live till's fan-out reads new ledger entries from the stream (stacks/till.ts, decision 0702).
      dynamoStream: StreamViewType.NEW_IMAGE,
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      // AWS-managed key (aws/dynamodb): key use is auditable in CloudTrail, with no key policy or
      // cross-stack kms grants to maintain. See docs/decisions/0301-aws-entry-points.md.
      encryption: TableEncryptionV2.awsManagedKey(),
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}

export class DataStack extends Stack {
  readonly data: Data;

  constructor(scope: Construct, id: string, props: StackProps & DataProps = {}) {
    super(scope, id, props);
    this.data = new Data(this, 'Data', props);
  }
}
