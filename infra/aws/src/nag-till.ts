/**
 * cdk-nag acknowledgements of the live-till construct (stacks/till.ts), each with its reason; called by
 * nag.ts like the other areas'. Kept out of till.ts: sst.config.ts bundles the stacks as ESM, and
 * cdk-nag cannot be bundled that way (it reads `__filename`).
 */
import { NagSuppressions } from 'cdk-nag';
import { lambdaRuntime } from './bundling.ts';
import type { Till } from './stacks/till.ts';

const RUNTIME_REASON =
  `${lambdaRuntime.name} is the platform's target runtime (ARCHITECTURE.md); newer runtimes are adopted ` +
  'deliberately, not by lint.';
const TABLE_INDEX_WILDCARD = {
  regex: '/^Resource::(<.*Table[^>]*\\.Arn>|.*:ExportsOutputFnGetAtt.*Table.*Arn.*)\\/index\\/\\*$/g',
};

/** cdk-nag acknowledgements of this construct (called once its grants exist). */
export function acknowledgeTill(till: Till): void {
  const cloudWatchRole = till.apiGatewayLogsRole;
  for (const fn of [till.connectFunction, till.disconnectFunction, till.pushFunction]) {
    NagSuppressions.addResourceSuppressions(fn, [{ id: 'AwsSolutions-L1', reason: RUNTIME_REASON }]);
    NagSuppressions.addResourceSuppressions(
      fn.role!,
      [
        {
          id: 'AwsSolutions-IAM5',
          reason:
            'Connections are found per vendor on GSI1 (packages/db keys) and tickets/connections are items of ' +
            'this one table: `<table arn>/index/*` from grantReadWriteData, confined to this table.',
          appliesTo: [TABLE_INDEX_WILDCARD],
        },
      ],
      true,
    );
  }
  NagSuppressions.addResourceSuppressions(
    till.pushFunction.role!,
    [
      {
        id: 'AwsSolutions-IAM5',
        reason:
          'dynamodb:ListStreams has no resource-level permission (grantStreamRead); ' +
          'execute-api:ManageConnections is on POST @connections/* of this API and stage only — connection ids ' +
          'are created at run time.',
        appliesTo: [
          'Resource::*',
          { regex: '/^Resource::arn:<AWS::Partition>:execute-api:.*\\/live\\/POST\\/@connections\\/\\*$/g' },
        ],
      },
    ],
    true,
  );
  NagSuppressions.addResourceSuppressions(
    till.webSocketApi,
    [
      {
        id: 'AwsSolutions-APIG4',
        reason:
          '$connect authenticates in code: a one-time, 60-second ticket minted by the JWT-protected ' +
          'POST /vendor/till-tickets (decision 0702). $disconnect and ping cannot carry an authorizer ' +
          '(API Gateway authorizes WebSocket connections at $connect only).',
      },
    ],
    true,
  );
  NagSuppressions.addResourceSuppressions(cloudWatchRole, [
    {
      id: 'AwsSolutions-IAM4',
      reason:
        "AmazonAPIGatewayPushToCloudWatchLogs is API Gateway's own account-level logging role policy " +
        '(required for WebSocket access logs); it is assumed only by apigateway.amazonaws.com.',
      appliesTo: [
        'Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs',
      ],
    },
  ]);
}
