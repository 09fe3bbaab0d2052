import { appendFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ChannelSecrets, CodeSender } from '@chophien/core';
import { attemptCounter, marketsStore, openDataStore } from '@chophien/db';
import { logger } from '@chophien/http';
import { ulid } from 'ulid';
import { services } from '../shared/services.ts';
import { snsSmsSender } from '../shared/sms.ts';
import { smsAccountChangeCodes } from './account-change-codes.ts';
import { fileChannelSecrets, secretsManagerChannelSecrets } from './channel-secrets.ts';
import { marketsConfig } from './config.ts';

/**
 * Local mode has no SMS: the account-change code lands in a mode-600 outbox file beside the
 * secrets file (the developer, and the tests, read it there). AWS sends it by SMS to the owner's
 * registered phone (account-change-codes.ts).
 */
function localOutbox(secretsFile: string): CodeSender {
  return {
    async send(vendorId, code) {
      appendFileSync(
        join(dirname(secretsFile), 'sms-outbox.jsonl'),
        `${JSON.stringify({ vendorId, code, at: new Date().toISOString() })}\n`,
        {
          mode: 0o600,
        },
      );
    },
  };
}

let built: ReturnType<typeof build> | undefined;

function build() {
  const config = marketsConfig();
  const { db, users } = services();
  const store = marketsStore(db);
  let secrets: ChannelSecrets;
  let codes: CodeSender;
  if (config.CHOPHIEN_MODE === 'local') {
    if (!config.MARKETS_SECRETS_FILE)
      throw new Error('MARKETS_SECRETS_FILE is not set (the local runtime sets it)');
    secrets = fileChannelSecrets(config.MARKETS_SECRETS_FILE);
    codes = localOutbox(config.MARKETS_SECRETS_FILE);
  } else {
    secrets = secretsManagerChannelSecrets(config.CHANNEL_SECRET_PREFIX);
    // The routes that send codes declare `uses: ['sms']` (sns:Publish to phone numbers).
    codes = smsAccountChangeCodes(users, snsSmsSender());
  }
  const clock = { now: () => new Date() };
  return {
    config,
    store,
    secrets,
    codes,
    clock,
    newId: () => ulid(),
    attempts: attemptCounter(db),
    openData: openDataStore(db),
    stallCeilingVnd: config.stallCeilingVnd,
    securityLog: {
      warn: (message: string, facts: Record<string, string>) =>
        logger.warn(message, { security: true, ...facts }),
    },
  };
}

/** The markets area's adapters, built once per container. */
export const marketsServices = () => {
  built ??= build();
  return built;
};
