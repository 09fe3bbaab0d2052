import { vi } from 'vitest';
import { memoryAttemptCounter } from '../../src/limits/index.ts';
import type { AccountChangeDeps } from '../../src/markets/account-change.ts';
import type { PendingAccountChange, Stall } from '../../src/markets/model.ts';
import type { MarketsStore } from '../../src/markets/ports.ts';

export const accountInput = {
  bin: '970436',
  accountNumber: '0451000123999',
  holderName: 'HOANG THI LAN',
  provider: 'payos' as const,
};
export const stall = { id: 's1', vendorId: 'u1' } as Stall;

/**
 * An in-memory stand-in for the pending-change part of the store (each read a copy, as a table read is, so
 * simultaneous confirmations do not share one object); replaceAccount records what it was given, and the
 * codes sent are collected in `sent`.
 */
export function accountChangeSetup() {
  const pending = new Map<string, PendingAccountChange>();
  const replaceAccount = vi.fn(
    async (_: Parameters<MarketsStore['replaceAccount']>[0]) => 'replaced' as const,
  );
  const store = {
    putPendingAccountChange: async (change: PendingAccountChange) => void pending.set(change.id, change),
    getPendingAccountChange: async (_owner: string, id: string) => {
      const found = pending.get(id);
      return found ? { ...found } : undefined;
    },
    appendAudit: vi.fn(async () => undefined),
    listAccounts: async () => [{ id: 'old', status: 'active' }],
    listStallsOfVendor: async () => [stall],
    replaceAccount,
  } as unknown as MarketsStore;
  const sent: string[] = [];
  let next = 0;
  const deps: AccountChangeDeps = {
    store,
    secrets: {
      secretFor: async () => undefined,
      apiTokenFor: async () => undefined,
      create: vi.fn(async () => undefined),
    },
    codes: { send: async (_owner, code) => void sent.push(code) },
    clock: { now: () => new Date('2026-11-23T03:00:00Z') },
    newId: () => `ID${next++}`,
    attempts: memoryAttemptCounter(),
  };
  return { deps, replaceAccount, sent, pending };
}
