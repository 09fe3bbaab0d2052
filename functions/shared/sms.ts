import { appendFile } from 'node:fs/promises';
import type { SNSClient } from '@aws-sdk/client-sns';
import type { SmsSender } from '@chophien/core';
import { logger } from '@chophien/http';
import * as z from 'zod';

/**
 * Contract C5 adapters. On AWS (CHOPHIEN_MODE=aws) SNS Publish straight to the phone number, marked
 * Transactional (delivery over price: these are alerts, not marketing). Locally the "message" is one JSON
 * line `{to, text, at}` appended to `<dataDir>/outbox.jsonl` (CHOPHIEN_OUTBOX_FILE, set by the local
 * runtime), where developers and tests read it.
 */

export function snsSmsSender(client?: Pick<SNSClient, 'send'>): SmsSender {
  // The SNS client loads with the first text, not at every markets function's cold start.
  let sns:
    | Promise<{ client: Pick<SNSClient, 'send'>; sdk: typeof import('@aws-sdk/client-sns') }>
    | undefined;
  return {
    async send({ to, text }) {
      sns ??= import('@aws-sdk/client-sns').then((sdk) => ({ sdk, client: client ?? new sdk.SNSClient({}) }));
      const { sdk, client: snsClient } = await sns;
      try {
        await snsClient.send(
          new sdk.PublishCommand({
            PhoneNumber: to,
            Message: text,
            MessageAttributes: {
              'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
            },
          }),
        );
      } catch (error) {
        // The number is personal data: log its last digits only.
        logger.error('sms not sent', {
          to: `…${to.slice(-3)}`,
          error: error instanceof Error ? error.name : String(error),
        });
        throw error;
      }
    },
  };
}

export function outboxSmsSender(file: string, now: () => Date = () => new Date()): SmsSender {
  return {
    async send({ to, text }) {
      // One write call per line, mode 600: the outbox holds phone numbers.
      await appendFile(file, `${JSON.stringify({ to, text, at: now().toISOString() })}\n`, { mode: 0o600 });
    },
  };
}

const smsEnvSchema = z.object({
  CHOPHIEN_MODE: z.enum(['local', 'aws']).default('local'),
  CHOPHIEN_OUTBOX_FILE: z.string().min(1).optional(),
});

/** The sender for this runtime; undefined locally when no outbox is configured (alerts are then only stored). */
export function smsSenderFromEnv(env: NodeJS.ProcessEnv = process.env): SmsSender | undefined {
  const config = smsEnvSchema.parse(env);
  if (config.CHOPHIEN_MODE === 'aws') return snsSmsSender();
  return config.CHOPHIEN_OUTBOX_FILE ? outboxSmsSender(config.CHOPHIEN_OUTBOX_FILE) : undefined;
}
