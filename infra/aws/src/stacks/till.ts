/**
 * Till: the vendor's live till on AWS (docs/decisions/0702-markets-live-till.md). An API Gateway
 * WebSocket API whose `$connect` spends a one-time ticket (checked in code: WebSocket authorizers
 * would see the same query string, and the ticket is already the credential), `$disconnect`, a
 * `ping` keep-alive answered by API Gateway itself, and a DynamoDB Streams consumer that posts each
 * new ledger entry to its vendor's sockets. Functions come from the Api stack's factory.
 */
import { tillStreamFilterPattern } from '@chophien/db/markets/till-stream';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat, CfnAccount } from 'aws-cdk-lib/aws-apigateway';
import { LogGroupLogDestination, WebSocketApi, WebSocketStage } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  WebSocketLambdaIntegration,
  WebSocketMockIntegration,
} from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { ManagedPolicy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { EventSourceMapping, FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { deadLetterQueue } from '../operations.ts';
import { handlerFunction } from './api.ts';

export interface TillProps {
  readonly repoRoot: string;
  /** The platform table, with a NEW_IMAGE stream (stacks/data.ts). */
  readonly table: ITableV2;
  readonly logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** Steady-state and burst limits of the stage (connects + pings; pushes are not counted). */
  readonly throttle?: { readonly rateLimit: number; readonly burstLimit: number };
}

export const TILL_STAGE_NAME = 'live';

export class Till extends Construct {
  readonly webSocketApi: WebSocketApi;
  readonly stage: WebSocketStage;
  readonly connectFunction: NodejsFunction;
  readonly disconnectFunction: NodejsFunction;
  readonly pushFunction: NodejsFunction;
  /** `wss://…/live`: the site's TILL_WS_URL. */
  readonly url: string;
  /** API Gateway's account-level logging role (cdk-nag acknowledges its managed policy: src/nag-till.ts). */
  readonly apiGatewayLogsRole: Role;

  constructor(scope: Construct, id: string, props: TillProps) {
    super(scope, id);
    if (!props.table.tableStreamArn)
      throw new Error('The till needs the table stream (dynamoStream NEW_IMAGE)');
    const environment = {
      TABLE_NAME: props.table.tableName,
      POWERTOOLS_SERVICE_NAME: 'chophien-till',
      POWERTOOLS_LOG_LEVEL: props.logLevel ?? 'INFO',
      NODE_OPTIONS: '--enable-source-maps',
      CHOPHIEN_MODE: 'aws',
    };
    const common = { repoRoot: props.repoRoot, table: props.table, environment, exportName: 'handler' };
    this.connectFunction = handlerFunction(this, 'TillConnect', {
      ...common,
      handler: 'markets/till-connect',
      data: 'readwrite',
    });
    this.disconnectFunction = handlerFunction(this, 'TillDisconnect', {
      ...common,
      handler: 'markets/till-disconnect',
      data: 'readwrite',
    });

    this.webSocketApi = new WebSocketApi(this, 'WebSocketApi', {
      apiName: 'chophien-till',
      description: 'chophien live till: verified payments pushed to the vendor (decision 0702)',
      connectRouteOptions: {
        integration: new WebSocketLambdaIntegration('ConnectIntegration', this.connectFunction),
      },
      disconnectRouteOptions: {
        integration: new WebSocketLambdaIntegration('DisconnectIntegration', this.disconnectFunction),
      },
    });
    // Clients send {"action":"ping"} every few minutes: API Gateway closes sockets idle for 10 minutes.
    this.webSocketApi.addRoute('ping', { integration: new WebSocketMockIntegration('PingIntegration') });

    // WebSocket access logs need API Gateway's account-level CloudWatch role (set once per region).
    const cloudWatchRole = new Role(this, 'ApiGatewayLogsRole', {
      assumedBy: new ServicePrincipal('apigateway.amazonaws.com'),
      managedPolicies: [
        ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonAPIGatewayPushToCloudWatchLogs'),
      ],
      description: 'API Gateway account setting: writes WebSocket access logs to CloudWatch',
    });
    const account = new CfnAccount(this, 'ApiGatewayAccount', { cloudWatchRoleArn: cloudWatchRole.roleArn });
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const throttle = props.throttle ?? { rateLimit: 50, burstLimit: 100 };
    this.stage = new WebSocketStage(this, 'LiveStage', {
      webSocketApi: this.webSocketApi,
      stageName: TILL_STAGE_NAME,
      autoDeploy: true,
      throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // Ids, route and status only. No query string ($connect's ticket) — there is no such variable
        // here, and execution logging (which would print it) stays off.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTime',
            ip: '$context.identity.sourceIp',
            eventType: '$context.eventType',
            routeKey: '$context.routeKey',
            status: '$context.status',
            connectionId: '$context.connectionId',
            error: '$context.error.message',
          }),
        ),
      },
    });
    this.stage.node.addDependency(account);
    this.url = this.stage.url;

    this.pushFunction = handlerFunction(this, 'TillPush', {
      ...common,
      environment: { ...environment, TILL_WS_ENDPOINT: this.stage.callbackUrl },
      handler: 'markets/till-push',
      data: 'readwrite',
    });
    // PostToConnection on this API's stage only (not DeleteConnection, not other APIs or stages).
    this.pushFunction.addToRolePolicy(
      new PolicyStatement({
        actions: ['execute-api:ManageConnections'],
        resources: [
          Stack.of(this).formatArn({
            service: 'execute-api',
            resource: this.webSocketApi.apiId,
            resourceName: `${TILL_STAGE_NAME}/POST/@connections/*`,
          }),
        ],
      }),
    );
    // Not TableV2.grantStreamRead: it grants ListStreams on the stream ARN, which IAM never matches
    // (ListStreams takes no resource), so Lambda could not create the mapping (aws/aws-cdk#34575).
    // The artifact harness checks the poller's four actions against this role.
    this.pushFunction.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
        resources: [props.table.tableStreamArn],
      }),
    );
    this.pushFunction.addToRolePolicy(
      new PolicyStatement({ actions: ['dynamodb:ListStreams'], resources: ['*'] }),
    );
    new EventSourceMapping(this, 'LedgerStream', {
      target: this.pushFunction,
      eventSourceArn: props.table.tableStreamArn,
      startingPosition: StartingPosition.LATEST,
      batchSize: 25,
      bisectBatchOnError: true,
      retryAttempts: 2,
      // A payment announced more than a minute late is noise; the page lists it on reload anyway.
      maxRecordAge: Duration.seconds(60),
      filters: [FilterCriteria.filter(tillStreamFilterPattern)],
      // A batch that still fails after its retries is kept (its stream position), and alarms.
      onFailure: new SqsDlq(deadLetterQueue(this, 'PushDeadLetters', 'the live-till push')),
    });

    new CfnOutput(this, 'TillWsUrl', { value: this.url });
    this.apiGatewayLogsRole = cloudWatchRole;
  }
}

export interface TillStackProps extends StackProps, TillProps {}

export class TillStack extends Stack {
  readonly till: Till;

  constructor(scope: Construct, id: string, props: TillStackProps) {
    super(scope, id, props);
    this.till = new Till(this, 'Till', props);
  }
}
