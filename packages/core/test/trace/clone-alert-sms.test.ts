import { describe, expect, it } from 'vitest';
import { memoryAttemptCounter } from '../../src/limits/index.ts';
import type { NotificationClaims, SmsMessage } from '../../src/notify/sms.ts';
import {
  CLONE_SMS_PER_OWNER,
  CLONE_SMS_WINDOW_MS,
  cloneAlertSms,
  notifyCloneAlert,
} from '../../src/trace/authenticity.ts';

/** Claims kept in memory with the same rule as the table's conditional write. */
function memoryClaims(): NotificationClaims & { released: string[] } {
  const last = new Map<string, number>();
  const released: string[] = [];
  return {
    released,
    async claim(key, at, windowMs) {
      const previous = last.get(key);
      if (previous !== undefined && previous > at.getTime() - windowMs) return false;
      last.set(key, at.getTime());
      return true;
    },
    async release(key, at) {
      if (last.get(key) === at.getTime()) last.delete(key);
      released.push(key);
    },
  };
}

const owner = { id: 'U1', phone: '+84912000001' };
const users = { get: async (id: string) => (id === owner.id ? owner : undefined) };
const at = new Date('2026-11-23T10:00:00.000Z');
const facts = {
  productName: 'Chè Thái Nguyên búp Tân Cương',
  lotId: 'L1',
  lotCode: 'TC261020-A',
  serial: 'TC0000000002',
  reason: 'implausible_places' as const,
  networkCount: 3,
  recent: [
    { at: '2026-11-23T09:40:00.000Z', region: 'Thái Nguyên' },
    { at: '2026-11-23T09:55:00.000Z', region: 'Cà Mau' },
    { at: '2026-11-23T09:56:00.000Z' },
    { at: '2026-11-20T09:56:00.000Z', region: 'Hà Giang' },
  ],
  at,
  dashboardUrl: 'https://chophien.vn/nong-dan',
};

describe('clone alert SMS', () => {
  it('says what, which lot and serial, why and where to look, in Vietnamese', () => {
    expect(cloneAlertSms({ ...facts, regions: ['Thái Nguyên', 'Cà Mau'] })).toBe(
      'Chợ Phiên cảnh báo: tem Chè Thái Nguyên búp Tân Cương, lô TC261020-A, sê-ri TC0000000002 được quét ở nhiều tỉnh khác nhau trong thời gian ngắn (người mua cho biết: Thái Nguyên, Cà Mau). Tem có thể bị sao chép. Xem cảnh báo tại https://chophien.vn/nong-dan',
    );
    expect(cloneAlertSms({ ...facts, reason: 'too_many_scans', networkCount: 21, regions: [] })).toContain(
      'đã được quét từ 21 mạng Internet khác nhau',
    );
  });

  it('texts the owner once per serial per hour, naming the provinces of the last day', async () => {
    const sent: SmsMessage[] = [];
    const deps = {
      users,
      sms: { send: async (m: SmsMessage) => void sent.push(m) },
      notifications: memoryClaims(),
    };
    const results = await Promise.all(Array.from({ length: 10 }, () => notifyCloneAlert(deps, owner, facts)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.to).toBe('+84912000001');
    expect(sent[0]!.text).toContain('Thái Nguyên, Cà Mau');
    expect(sent[0]!.text).not.toContain('Hà Giang');
    const almost = new Date(at.getTime() + CLONE_SMS_WINDOW_MS - 1);
    expect(await notifyCloneAlert(deps, owner, { ...facts, at: almost })).toBe(false);
    const later = new Date(at.getTime() + CLONE_SMS_WINDOW_MS);
    expect(await notifyCloneAlert(deps, owner, { ...facts, at: later })).toBe(true);
    // Another serial of the same lot is its own alert.
    expect(await notifyCloneAlert(deps, owner, { ...facts, serial: 'TC0000000003' })).toBe(true);
    expect(sent).toHaveLength(3);
  });

  it('a failed send gives the claim back and does not fail the scan; the next scan retries', async () => {
    const notifications = memoryClaims();
    let fail = true;
    const sent: SmsMessage[] = [];
    const sms = {
      send: async (m: SmsMessage) => {
        if (fail) throw new Error('SNS down');
        sent.push(m);
      },
    };
    expect(await notifyCloneAlert({ users, sms, notifications }, owner, facts)).toBe(false);
    expect(notifications.released).toEqual(['clone-sms#L1#TC0000000002']);
    fail = false;
    expect(await notifyCloneAlert({ users, sms, notifications }, owner, facts)).toBe(true);
    expect(sent).toHaveLength(1);
  });

  it('sends nothing without a sender or claims store (alerts are then only stored)', async () => {
    expect(await notifyCloneAlert({ users }, owner, facts)).toBe(false);
    expect(await notifyCloneAlert({ users, notifications: memoryClaims() }, owner, facts)).toBe(false);
  });

  it('one owner gets at most five clone texts a day, however many serials look copied', async () => {
    const sent: SmsMessage[] = [];
    const deps = {
      users,
      sms: { send: async (m: SmsMessage) => void sent.push(m) },
      notifications: memoryClaims(),
      attempts: memoryAttemptCounter(),
    };
    for (let i = 0; i < 8; i++)
      await notifyCloneAlert(deps, owner, { ...facts, serial: `TC00000000${String(i).padStart(2, '0')}` });
    expect(sent).toHaveLength(CLONE_SMS_PER_OWNER.max);
  });
});
