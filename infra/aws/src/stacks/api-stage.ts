/**
 * The HTTP API's `$default` stage: throttles (the stage's and the SMS routes' own, decision 0904), access
 * logs and the 5xx alarm. It is a stack of its own, deployed after every area's routes (decision 0350):
 * API Gateway refuses a stage whose RouteSettings name a route that does not exist yet ("Unable to find
 * Route by key"), and the routes live in the area stacks, which themselves need the API first.
 */
import type { RouteDefinition } from '@chophien/functions/routes';
import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { type HttpApi, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { throttleSmsRoutes } from '../rate-limits.ts';

export interface ApiStageProps {
  readonly httpApi: HttpApi;
  /** THE route table: the SMS-sending routes among them get their own throttle. */
  readonly routes: readonly RouteDefinition[];
  /** Steady-state and burst request limits of the stage. */
  readonly throttle?: { readonly rateLimit: number; readonly burstLimit: number };
}

export class ApiStage extends Construct {
  readonly stage: HttpStage;

  constructor(scope: Construct, id: string, props: ApiStageProps) {
    super(scope, id);
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: props.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle ?? { rateLimit: 200, burstLimit: 400 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.jsonWithStandardFields({
          caller: false,
          httpMethod: true,
          ip: true,
          protocol: true,
          requestTime: true,
          resourcePath: true,
          responseLength: true,
          status: true,
          user: false,
        }),
      },
    });
    throttleSmsRoutes(this.stage, props.routes);
    new Alarm(this, 'ServerErrorsAlarm', {
      alarmDescription: 'chophien API: 5xx responses',
      metric: this.stage.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 5,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}

export interface ApiStageStackProps extends StackProps, ApiStageProps {
  /** The area stacks whose routes the stage's settings name: deployed before it. */
  readonly after: readonly Stack[];
}

export class ApiStageStack extends Stack {
  readonly stage: ApiStage;

  constructor(scope: Construct, id: string, props: ApiStageStackProps) {
    super(scope, id, props);
    this.stage = new ApiStage(this, 'Stage', props);
    for (const stack of props.after) this.addDependency(stack);
  }
}
