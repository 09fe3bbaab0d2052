import type { ImportDeps } from '@chophien/core';
import { consoleStore, importStore, peopleStore } from '@chophien/db';
import { identityDirectoryFromEnv } from '@chophien/functions/shared/identity-directory';
import { smsSenderFromEnv } from '@chophien/functions/shared/sms';
import { ulid } from 'ulid';
import { getDb } from '../../lib/services.ts';

let deps: ImportDeps | undefined;

/** The console's adapters: the same core use-cases and repositories the API's /admin routes use. */
export function consoleDeps(): ImportDeps {
  if (!deps) {
    const db = getDb();
    deps = {
      people: peopleStore(db),
      console: consoleStore(db),
      imports: importStore(db),
      identity: identityDirectoryFromEnv(),
      sms: smsSenderFromEnv() ?? {
        send: async ({ to }) => console.warn(`[site] invitation not sent (no SMS outbox): …${to.slice(-3)}`),
      },
      clock: { now: () => new Date() },
      newId: () => ulid(),
      siteUrl: (process.env.SITE_URL ?? '').replace(/\/$/, ''),
    };
  }
  return deps;
}
