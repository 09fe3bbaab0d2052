/**
 * Contract C5 adapters (functions/shared/sms.ts) with SNS mocked: the message goes to the phone number as a
 * Transactional SMS; a failure is logged without the number and rethrown; locally a JSON line lands in the outbox.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outboxSmsSender, smsSenderFromEnv, snsSmsSender } from '../shared/sms.ts';

const sns = mockClient(SNSClient);
let dir: string;

beforeEach(() => {
  sns.reset();
  dir = mkdtempSync(join(tmpdir(), 'chophien-sms-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const message = { to: '+84912000001', text: 'Chợ Phiên cảnh báo: tem Chè Thái Nguyên, lô TC261020-A' };

describe('SNS sender', () => {
  it('publishes to the phone number as a Transactional SMS, text unchanged (Vietnamese diacritics)', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    await snsSmsSender(new SNSClient({ region: 'ap-southeast-1' })).send(message);
    const calls = sns.commandCalls(PublishCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input).toEqual({
      PhoneNumber: '+84912000001',
      Message: message.text,
      MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } },
    });
  });

  it('rethrows a failure (the caller releases its claim) and logs only the last digits of the number', async () => {
    sns.on(PublishCommand).rejects(Object.assign(new Error('throttled'), { name: 'ThrottledException' }));
    const lines: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    const writeError = process.stderr.write.bind(process.stderr);
    const capture = ((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    }) as typeof process.stdout.write;
    // Powertools writes errors to stderr: read both streams.
    process.stdout.write = capture;
    process.stderr.write = capture;
    try {
      await expect(snsSmsSender(new SNSClient({ region: 'ap-southeast-1' })).send(message)).rejects.toThrow(
        'throttled',
      );
    } finally {
      process.stdout.write = write;
      process.stderr.write = writeError;
    }
    const log = lines.join('\n');
    expect(log).toContain('sms not sent');
    expect(log).toContain('…001');
    expect(log).not.toContain('+84912000001');
  });
});

describe('dev outbox sender', () => {
  it('appends one JSON line {to, text, at} per message to a file only its owner can read', async () => {
    const file = join(dir, 'outbox.jsonl');
    const sender = outboxSmsSender(file, () => new Date('2026-11-23T10:00:00.000Z'));
    await sender.send(message);
    await sender.send({ ...message, text: 'thứ hai' });
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toEqual([
      { ...message, at: '2026-11-23T10:00:00.000Z' },
      { to: message.to, text: 'thứ hai', at: '2026-11-23T10:00:00.000Z' },
    ]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('is chosen by mode: SNS on AWS, the outbox locally, nothing locally without an outbox file', async () => {
    sns.on(PublishCommand).resolves({});
    const aws = smsSenderFromEnv({ CHOPHIEN_MODE: 'aws', AWS_REGION: 'ap-southeast-1' });
    await aws!.send(message);
    expect(sns.commandCalls(PublishCommand)).toHaveLength(1);
    const file = join(dir, 'o.jsonl');
    await smsSenderFromEnv({ CHOPHIEN_MODE: 'local', CHOPHIEN_OUTBOX_FILE: file })!.send(message);
    expect(readFileSync(file, 'utf8')).toContain('"to":"+84912000001"');
    expect(sns.commandCalls(PublishCommand)).toHaveLength(1);
    expect(smsSenderFromEnv({ CHOPHIEN_MODE: 'local' })).toBeUndefined();
    expect(() => smsSenderFromEnv({ CHOPHIEN_MODE: 'prod' })).toThrow();
  });
});
