import { createECDH, randomBytes } from 'node:crypto';
import { quietUntil } from '@chophien/core';
import ece from 'http_ece';
import { describe, expect, it } from 'vitest';
import webpush from 'web-push';
import { pushChannel, zaloChannel } from '../alerts/channels.ts';

const vapid = { ...webpush.generateVAPIDKeys(), subject: 'mailto:alerts@chophien.invalid' };
const message = {
  title: 'Đơn hàng mới đã thanh toán',
  text: 'Chợ Phiên: Đơn CP7K2M9Q đã được thanh toán đủ 180.000 ₫.',
  link: 'https://cho.example/nong-dan',
};

function browser() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const auth = randomBytes(16);
  return {
    ecdh,
    auth,
    subscription: {
      endpoint: 'https://push.example.net/send/abc',
      keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') },
    },
  };
}

describe('web push channel (real VAPID signature and aes128gcm encryption)', () => {
  it('sends a payload only the subscribed browser can read, signed for the push service’s origin', async () => {
    const b = browser();
    const requests: Array<ReturnType<typeof webpush.generateRequestDetails>> = [];
    const channel = pushChannel(vapid, { removePushSubscription: async () => undefined }, (async (
      subscription,
      payload,
      options,
    ) => {
      requests.push(webpush.generateRequestDetails(subscription, payload as string, options));
      return { statusCode: 201, body: '', headers: {} };
    }) as typeof webpush.sendNotification);
    const outcome = await channel.deliver(
      { userId: 'u', phone: undefined, pushSubscriptions: [b.subscription] },
      message,
      { silent: false, tag: 'order_paid#o1' },
    );
    expect(outcome).toBe('sent');
    const request = requests[0]!;
    expect(request.endpoint).toBe(b.subscription.endpoint);
    expect(request.headers['Content-Encoding']).toBe('aes128gcm');
    expect(request.headers.Urgency).toBe('high');
    expect(String(request.headers.Authorization)).toMatch(/^vapid t=.+, k=/);
    const jwt = String(request.headers.Authorization).split('t=')[1]!.split(',')[0]!;
    expect(JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()).aud).toBe(
      'https://push.example.net',
    );
    const plain = ece.decrypt(request.body as Buffer, {
      version: 'aes128gcm',
      privateKey: b.ecdh,
      authSecret: b.auth.toString('base64url'),
    });
    expect(JSON.parse(plain.toString('utf8'))).toMatchObject({
      title: message.title,
      body: message.text,
      url: message.link,
      silent: false,
    });
  });

  it('forgets a subscription the push service says is gone, and reports no address', async () => {
    const b = browser();
    const removed: string[] = [];
    const channel = pushChannel(
      vapid,
      { removePushSubscription: async (_u, endpoint) => void removed.push(endpoint) },
      (async () => {
        throw Object.assign(new Error('gone'), { statusCode: 410 });
      }) as never,
    );
    expect(
      await channel.deliver({ userId: 'u', phone: undefined, pushSubscriptions: [b.subscription] }, message, {
        silent: true,
        tag: 't',
      }),
    ).toBe('no_address');
    expect(removed).toEqual([b.subscription.endpoint]);
  });

  it('throws when the push service fails (so the claim is handed back for a retry)', async () => {
    const channel = pushChannel(vapid, { removePushSubscription: async () => undefined }, (async () => {
      throw Object.assign(new Error('busy'), { statusCode: 503 });
    }) as never);
    await expect(
      channel.deliver(
        { userId: 'u', phone: undefined, pushSubscriptions: [browser().subscription] },
        message,
        { silent: true, tag: 't' },
      ),
    ).rejects.toThrow('busy');
  });
});

describe('Zalo ZNS channel', () => {
  const zalo = {
    accessToken: 'token-123456',
    templates: { order_paid: 'tpl-1' },
    url: 'https://zns.example/message/template',
  };
  it('posts the approved template for the kind to the phone number without +', async () => {
    const posted: Array<{ url: string; headers: Record<string, string>; body: string }> = [];
    const channel = zaloChannel(
      zalo,
      (tag) => tag.split('#')[0] as 'order_paid',
      async (url, init) => {
        posted.push({ url, headers: init.headers, body: init.body });
        return { ok: true, status: 200, json: async () => ({ error: 0, message: 'Success' }) };
      },
    );
    expect(
      await channel.deliver({ userId: 'u', phone: '+84912000001', pushSubscriptions: [] }, message, {
        silent: false,
        tag: 'order_paid#o1',
      }),
    ).toBe('sent');
    expect(posted[0]!.headers.access_token).toBe('token-123456');
    expect(JSON.parse(posted[0]!.body)).toMatchObject({
      phone: '84912000001',
      template_id: 'tpl-1',
      template_data: { message: message.text },
    });
  });

  it('skips a kind without a template and throws on a refusal', async () => {
    const refusing = zaloChannel(
      zalo,
      (tag) => tag.split('#')[0] as 'order_paid',
      async () => ({ ok: true, status: 200, json: async () => ({ error: -124 }) }),
    );
    expect(
      await refusing.deliver({ userId: 'u', phone: '+84912000001', pushSubscriptions: [] }, message, {
        silent: false,
        tag: 'stock_low#p',
      }),
    ).toBe('no_address');
    await expect(
      refusing.deliver({ userId: 'u', phone: '+84912000001', pushSubscriptions: [] }, message, {
        silent: false,
        tag: 'order_paid#o',
      }),
    ).rejects.toThrow('zns refused');
  });
});

describe('quiet hours (Vietnamese time)', () => {
  const quiet = { from: '21:00', to: '06:00' };
  it('holds from 21:00 to 06:00 across midnight, and not outside', () => {
    expect(quietUntil(quiet, new Date('2026-11-20T13:59:00Z'))).toBeUndefined(); // 20:59
    expect(quietUntil(quiet, new Date('2026-11-20T14:00:00Z'))).toBe('2026-11-20T23:00:00.000Z'); // 21:00 → 06:00 next day
    expect(quietUntil(quiet, new Date('2026-11-20T22:30:00Z'))).toBe('2026-11-20T23:00:00.000Z'); // 05:30
    expect(quietUntil(quiet, new Date('2026-11-20T23:00:00Z'))).toBeUndefined(); // 06:00
    expect(quietUntil({ from: '12:00', to: '13:30' }, new Date('2026-11-20T05:15:00Z'))).toBe(
      '2026-11-20T06:30:00.000Z',
    );
    expect(quietUntil(null, new Date())).toBeUndefined();
  });
});
