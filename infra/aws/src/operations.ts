/**
 * What tells a person that something went wrong: every alarm of the platform notifies one SNS topic
 * (subscribed by the operator: docs/deploy.md), and work that Lambda gives up on (a stream batch, a
 * scheduled run) lands in a dead-letter queue whose depth is itself an alarm.
 */
import { Duration, type IAspect, RemovalPolicy } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct, type IConstruct } from 'constructs';

/** Adds the topic as the action of every alarm in the app (both entry points apply it). */
export class AlarmsNotify implements IAspect {
  constructor(private readonly topic: ITopic) {}

  visit(node: IConstruct): void {
    if (node instanceof Alarm && !node.node.tryFindChild('NotifiesTopic')) {
      node.addAlarmAction(new SnsAction(this.topic));
      // Marker: an aspect may visit a node twice.
      new Construct(node, 'NotifiesTopic');
    }
  }
}

/** A dead-letter queue (SSE, TLS only, 14 days) with an alarm as soon as anything is in it. */
export function deadLetterQueue(scope: Construct, id: string, description: string): Queue {
  const queue = new Queue(scope, id, {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
    removalPolicy: RemovalPolicy.DESTROY,
  });
  new Alarm(scope, `${id}Alarm`, {
    alarmDescription: `chophien: ${description} gave up on work (dead letters waiting)`,
    metric: queue.metricApproximateNumberOfMessagesVisible({
      period: Duration.minutes(5),
      statistic: 'Maximum',
    }),
    threshold: 1,
    evaluationPeriods: 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
  return queue;
}
