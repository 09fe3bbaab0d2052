/**
 * Api: the HTTP API and its authorizer, and the function every handler module gets
 * (`handlerFunction`). The route table's entries become routes in one stack per area
 * (stacks/api-routes.ts, decision 0350). No per-route code.
 */
import { join } from 'node:path';
import { NOTIFICATION_METRIC } from '@chophien/core';
import { handlerId, type RouteDefinition } from '@chophien/functions/routes';
import { type ScheduleDefinition, schedules as scheduleTable } from '@chophien/functions/schedules';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import {
  CorsHttpMethod,
  HttpApi,
  HttpAuthorizer,
  HttpAuthorizerType,
  type IHttpRouteAuthorizer,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, MathExpression, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LoggingFormat } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { handlerCode, lambdaArchitecture, lambdaRuntime } from '../bundling.ts';
import {
  type Capability,
  type CapabilityResources,
  capabilityEnvironment,
  capabilityLayers,
  grantCapabilities,
  parameterExtension,
} from '../capabilities.ts';
import { lambdaMemoryMb } from '../lambda-sizing.ts';
import { deadLetterQueue } from '../operations.ts';
import { grantTableAccess } from '../table-access.ts';
import type { Identity } from './identity.ts';

export type DataAccess = RouteDefinition['data'];

/** Business metrics' CloudWatch namespace (packages/http/src/metrics.ts's default). */
const METRICS_NAMESPACE = 'chophien';

export interface ApiProps {
  readonly repoRoot: string;
  readonly table: ITableV2;
  readonly identity: Pick<Identity, 'issuer' | 'jwksUrl' | 'userPoolClient'>;
  /** What route capabilities (`uses`) are granted on: secrets, photos bucket, site address, till. */
  readonly capabilities: CapabilityResources;
  /** Defaults to THE schedule table. */
  readonly schedules?: readonly ScheduleDefinition[];
  /** Browser origins allowed by CORS (the storefront's domain). */
  readonly corsOrigins?: readonly string[];
  readonly logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
}

const accessRank: Record<DataAccess, number> = { none: 0, read: 1, readwrite: 2 };

/**
 * Each distinct handler module with the widest data access any of its routes declares and the union
 * of their capabilities (one function serves all of a module's routes).
 */
export function handlersOf(routes: readonly RouteDefinition[]): ReadonlyMap<
  string,
  {
    readonly id: string;
    readonly data: DataAccess;
    readonly uses: ReadonlySet<Capability>;
    readonly reservedConcurrency?: number;
  }
> {
  const byHandler = new Map<
    string,
    { id: string; data: DataAccess; uses: Set<Capability>; reservedConcurrency?: number }
  >();
  for (const route of routes) {
    const seen = byHandler.get(route.handler);
    if (!seen) {
      byHandler.set(route.handler, {
        id: handlerId(route.handler),
        data: route.data,
        uses: new Set(route.uses),
        ...(route.reservedConcurrency ? { reservedConcurrency: route.reservedConcurrency } : {}),
      });
      continue;
    }
    if (accessRank[route.data] > accessRank[seen.data]) seen.data = route.data;
    for (const capability of route.uses ?? []) seen.uses.add(capability);
    if (route.reservedConcurrency) {
      seen.reservedConcurrency = Math.max(seen.reservedConcurrency ?? 0, route.reservedConcurrency);
    }
  }
  return byHandler;
}

/** The same id may not come from two handler modules (it names the function and its bundle). */
export function assertUniqueIds(handlers: ReadonlyMap<string, { readonly id: string }>): void {
  const ids = new Map<string, string>();
  for (const [handler, { id }] of handlers) {
    const other = ids.get(id);
    if (other) throw new Error(`handlers ${other} and ${handler} share the id ${id}`);
    ids.set(id, handler);
  }
}

/** What every API function's environment starts with (capabilities add to it). */
export function apiEnvironment(
  props: Pick<ApiProps, 'table' | 'identity' | 'logLevel'>,
): Record<string, string> {
  return {
    TABLE_NAME: props.table.tableName,
    AUTH_ISSUER: props.identity.issuer,
    AUTH_JWKS_URL: props.identity.jwksUrl,
    AUTH_AUDIENCE: props.identity.userPoolClient.userPoolClientId,
    POWERTOOLS_SERVICE_NAME: 'chophien-api',
    POWERTOOLS_LOG_LEVEL: props.logLevel ?? 'INFO',
    NODE_OPTIONS: '--enable-source-maps',
    CHOPHIEN_MODE: 'aws',
  };
}

/**
 * The shared front of the API: the HTTP API, the Cognito JWT authorizer and the schedule table's functions
 * (the stage, its throttles, access logs and 5xx alarm: stacks/api-stage.ts). The routes and their functions live in one stack per area
 * (stacks/api-routes.ts), attached to this API: decision 0350.
 */
export class Api extends Construct {
  readonly httpApi: HttpApi;
  /** The one JWT authorizer every non-public route of every area uses. */
  readonly authorizer: IHttpRouteAuthorizer;
  /** Functions of the schedule table, by schedule id. */
  readonly scheduledFunctions: ReadonlyMap<string, NodejsFunction>;
  /** `https://<id>.execute-api.<region>.amazonaws.com`, no trailing slash (callers append `/path`). */
  readonly url: string;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);

    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'chophien HTTP API (routes from functions/routes.ts)',
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: [...(props.corsOrigins ?? ['*'])],
        allowMethods: [CorsHttpMethod.ANY],
        allowHeaders: ['authorization', 'content-type'],
        maxAge: Duration.hours(1),
      },
    });

    // The `$default` stage (stacks/api-stage.ts) serves at the root; its `url` ends in `/`, which made the
    // storefront call `//vendor/till-tickets`. The endpoint is the base without the slash.
    this.url = this.httpApi.apiEndpoint;

    // Created here, once, rather than by HttpJwtAuthorizer's first bind: that would put it in whichever
    // area stack binds first and make every other area depend on that one.
    const cognitoJwt = new HttpAuthorizer(this, 'CognitoJwt', {
      httpApi: this.httpApi,
      type: HttpAuthorizerType.JWT,
      authorizerName: 'cognito-jwt',
      jwtIssuer: props.identity.issuer,
      jwtAudience: [props.identity.userPoolClient.userPoolClientId],
      identitySource: ['$request.header.Authorization'],
    });
    this.authorizer = {
      bind: () => ({ authorizerId: cognitoJwt.authorizerId, authorizationType: 'JWT' }),
    };

    // THE schedule table (functions/schedules.ts): one function and one EventBridge rule each.
    const common = {
      repoRoot: props.repoRoot,
      table: props.table,
      environment: apiEnvironment(props),
      capabilities: props.capabilities,
    };
    const scheduled = new Map<string, NodejsFunction>();
    for (const schedule of props.schedules ?? scheduleTable) {
      const fn = handlerFunction(this, schedule.id, {
        ...common,
        handler: schedule.handler,
        exportName: schedule.export,
        data: schedule.data,
        uses: new Set<Capability>((schedule as ScheduleDefinition).uses ?? []),
      });
      new Rule(this, `${schedule.id}Schedule`, {
        description: `chophien ${schedule.handler}.${schedule.export} every ${schedule.everyMinutes} min`,
        schedule: Schedule.rate(Duration.minutes(schedule.everyMinutes)),
        targets: [new LambdaFunction(fn, { retryAttempts: 0, deadLetterQueue: this.scheduleDeadLetters() })],
      });
      scheduled.set(schedule.id, fn);
    }
    this.scheduledFunctions = scheduled;

    // Decision 0704: a notification signed by one channel that names an account of another is refused and
    // counted (decision 0705); one is enough for an admin to hear of it (a leaked or hostile channel secret).
    new Alarm(this, 'CrossChannelNotificationsAlarm', {
      alarmDescription:
        'chophien: a payment notification named an account its channel may not report (refused, not credited)',
      metric: new MathExpression({
        expression: `SELECT SUM(${NOTIFICATION_METRIC}) FROM ${METRICS_NAMESPACE} WHERE outcome = 'rejected' AND reason = 'account_not_on_channel'`,
        usingMetrics: {},
        period: Duration.minutes(5),
        label: 'cross-channel notifications',
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });

    new CfnOutput(this, 'ApiUrl', { value: this.url });
  }

  private scheduleDeadLettersQueue: Queue | undefined;

  /** Where EventBridge puts a scheduled run it could not deliver (one queue for every schedule). */
  private scheduleDeadLetters(): Queue {
    this.scheduleDeadLettersQueue ??= deadLetterQueue(this, 'ScheduleDeadLetters', 'a scheduled job');
    return this.scheduleDeadLettersQueue;
  }
}

/**
 * One handler module's function: its own log group and logs-only role, the shared bundling,
 * table grants from the declared data access, and an errors alarm. Also used by the live-till
 * stack (stacks/till.ts) for its WebSocket and stream functions.
 */
export function handlerFunction(
  scope: Construct,
  id: string,
  props: {
    repoRoot: string;
    table: ITableV2;
    environment: Record<string, string>;
    handler: string;
    exportName: string;
    data: DataAccess;
    /** Route capabilities: each adds exactly its env and grants (src/capabilities.ts). */
    uses?: ReadonlySet<Capability>;
    capabilities?: CapabilityResources;
    reservedConcurrency?: number;
  },
): NodejsFunction {
  const uses = props.uses ?? new Set<Capability>();
  if (uses.size > 0 && !props.capabilities) {
    throw new Error(`${props.handler} uses ${[...uses].join(', ')} but no capability resources were given`);
  }
  const fnScope = new Construct(scope, id);
  const logGroup = new LogGroup(fnScope, 'Logs', {
    retention: RetentionDays.THREE_MONTHS,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  // Own role instead of the AWSLambdaBasicExecutionRole managed policy: logs only to its group.
  const role = new Role(fnScope, 'Role', {
    assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    description: `chophien ${props.handler}: logs + table ${props.data}${uses.size ? ` + ${[...uses].sort().join(' ')}` : ''}`,
  });
  logGroup.grantWrite(role);
  const entry = join(props.repoRoot, 'functions', `${props.handler}.ts`);
  // Bundled by src/bundling.ts (code splitting, the bundle size rule), not by NodejsFunction's esbuild CLI.
  const fn = new NodejsFunction(fnScope, 'Function', {
    code: handlerCode(props.repoRoot, entry),
    handler: `index.${props.exportName}`,
    runtime: lambdaRuntime,
    architecture: lambdaArchitecture,
    memorySize: lambdaMemoryMb,
    timeout: Duration.seconds(10),
    role,
    logGroup,
    loggingFormat: LoggingFormat.JSON,
    environment: {
      ...props.environment,
      ...(props.capabilities ? capabilityEnvironment(uses, props.capabilities) : {}),
    },
    ...(props.capabilities && { paramsAndSecrets: parameterExtension(uses, props.capabilities) }),
    layers: capabilityLayers(fnScope, uses, props.repoRoot),
    description: `chophien ${props.handler}`,
    ...(props.reservedConcurrency ? { reservedConcurrentExecutions: props.reservedConcurrency } : {}),
  });
  grantTableAccess(fn, props.table, props.data);
  if (props.capabilities) grantCapabilities(fn, uses, props.capabilities);
  new Alarm(fnScope, 'ErrorsAlarm', {
    alarmDescription: `chophien ${props.handler}: function errors`,
    metric: fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
    threshold: 1,
    evaluationPeriods: 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
  return fn;
}

export interface ApiStackProps extends StackProps, ApiProps {}

export class ApiStack extends Stack {
  readonly api: Api;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    this.api = new Api(this, 'Api', props);
  }
}
