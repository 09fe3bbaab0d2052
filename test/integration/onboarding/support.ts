import { readFileSync } from 'node:fs';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { type Actor, actorFromProfile, isDomainError, type OnboardingDeps } from '@chophien/core';
import {
  consoleStore,
  type Db,
  householdStore,
  onboardingStore,
  peopleStore,
  roundStore,
  userRepository,
} from '@chophien/db';
import { localIdentityDirectory } from '@chophien/functions/shared/identity-directory';
import { outboxSmsSender } from '@chophien/functions/shared/sms';
import { ulid } from 'ulid';

/** The use-cases' adapters over the test stack's table: the same ones the storefront builds. */
export function onboardingDeps(db: Db): OnboardingDeps {
  return {
    people: peopleStore(db),
    console: consoleStore(db),
    onboarding: onboardingStore(db),
    households: householdStore(db),
    rounds: roundStore(db),
    identity: localIdentityDirectory(),
    sms: outboxSmsSender(outboxFile()),
    clock: { now: () => new Date() },
    newId: () => ulid(),
    siteUrl: 'http://cho.test',
  };
}

export const outboxFile = (): string => {
  const file = process.env.CHOPHIEN_OUTBOX_FILE;
  if (!file) throw new Error('the test stack sets CHOPHIEN_OUTBOX_FILE');
  return file;
};

/** Texts sent to one phone, oldest first. */
export function textsTo(phone: string): string[] {
  let lines: string[];
  try {
    lines = readFileSync(outboxFile(), 'utf8').trim().split('\n');
  } catch {
    return [];
  }
  return lines
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { to: string; text: string })
    .filter((message) => message.to === phone)
    .map((message) => message.text);
}

/** The last 6-digit code texted to a phone. */
export function lastCodeTo(phone: string): string {
  const code = textsTo(phone)
    .map((text) => /\b(\d{6})\b/.exec(text)?.[1])
    .filter(Boolean)
    .pop();
  if (!code) throw new Error(`no code was texted to ${phone}`);
  return code;
}

/** The actor a request by this stored person would carry (roles and grants from the table). */
export async function actorOf(db: Db, userId: string): Promise<Actor> {
  const profile = await userRepository(db).get(userId);
  const actor = actorFromProfile({ userId, roles: [] }, profile);
  if (!actor) throw new Error(`${userId} cannot act (missing, deactivated or erased)`);
  return actor;
}

/** The domain error's code a use-case refused with, or `ok`. */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return isDomainError(error) ? error.code : String(error);
  }
  return 'ok';
}

/** How many items the table holds (a refused request must not change it). */
export const itemCount = async (db: Db): Promise<number> =>
  (await db.doc.send(new ScanCommand({ TableName: db.tableName, Select: 'COUNT' }))).Count ?? 0;
