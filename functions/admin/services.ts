import type { ConsoleDeps } from '@chophien/core';
import { consoleStore, peopleStore } from '@chophien/db';
import { logger } from '@chophien/http';
import { ulid } from 'ulid';
import * as z from 'zod';
import { identityDirectoryFromEnv } from '../shared/identity-directory.ts';
import { services } from '../shared/services.ts';
import { smsSenderFromEnv } from '../shared/sms.ts';

const consoleEnvSchema = z.object({ SITE_URL: z.string().min(1).default('http://127.0.0.1:4321') });

let built: ConsoleDeps | undefined;

/** The console's adapters, built once per container (the identity directory and SMS only where declared). */
export function consoleServices(): ConsoleDeps {
  if (built) return built;
  const { db } = services();
  const config = consoleEnvSchema.parse(process.env);
  built = {
    people: peopleStore(db),
    console: consoleStore(db),
    identity: identityDirectoryFromEnv(),
    sms: smsSenderFromEnv() ?? {
      // Locally without an outbox file there is nobody to text: say so instead of pretending.
      send: async ({ to }) =>
        logger.warn('invitation not sent: no SMS outbox configured', { to: `…${to.slice(-3)}` }),
    },
    clock: { now: () => new Date() },
    newId: () => ulid(),
    siteUrl: config.SITE_URL.replace(/\/$/, ''),
  };
  return built;
}
