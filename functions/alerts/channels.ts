/**
 * The alert channels behind core's AlertChannel port: SMS (SNS on AWS, the outbox locally: functions/shared/sms.ts),
 * web push (Push API, VAPID, `web-push`) and Zalo ZNS (off without credentials).
 */
import type { AlertChannel, AlertKind, AlertStore, SmsSender } from '@chophien/core';
import type webpush from 'web-push';
import type { AlertsConfig } from './config.ts';

export function smsChannel(sms: SmsSender): AlertChannel {
  return {
    name: 'sms',
    async deliver(recipient, message) {
      if (!recipient.phone) return 'no_address';
      await sms.send({ to: recipient.phone, text: message.text });
      return 'sent';
    },
  };
}

type SendNotification = typeof webpush.sendNotification;

/** A push to every browser the person subscribed; a subscription the push service calls gone (404/410) is removed. */
export function pushChannel(
  vapid: NonNullable<AlertsConfig['vapid']>,
  alerts: Pick<AlertStore, 'removePushSubscription'>,
  send?: SendNotification,
): AlertChannel {
  return {
    name: 'push',
    async deliver(recipient, message, options) {
      if (recipient.pushSubscriptions.length === 0) return 'no_address';
      const payload = JSON.stringify({
        title: message.title,
        body: message.text,
        url: message.link,
        tag: options.tag,
        silent: options.silent,
      });
      // web-push (and its JWT and ECE libraries) loads with the first push, not at every cold start.
      const push = send ?? (await import('web-push')).default.sendNotification;
      let delivered = 0;
      let failure: unknown;
      for (const subscription of recipient.pushSubscriptions) {
        try {
          await push(subscription, payload, {
            vapidDetails: vapid,
            TTL: 24 * 3600,
            urgency: options.silent ? 'low' : 'high',
            // Same topic: a retried push replaces the earlier one instead of showing twice.
            topic: options.tag.replace(/[^A-Za-z0-9_-]/g, '').slice(-32),
          });
          delivered += 1;
        } catch (error) {
          const status = (error as { statusCode?: number }).statusCode;
          if (status === 404 || status === 410)
            await alerts.removePushSubscription(recipient.userId, subscription.endpoint);
          else failure = error;
        }
      }
      if (delivered === 0 && failure) throw failure;
      return delivered > 0 ? 'sent' : 'no_address';
    },
  };
}

type Fetch = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string },
) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;

/**
 * Zalo Notification Service: an approved template per alert kind, sent to the person's phone number
 * (84… without +). Templates take `title` and `message` parameters. Off unless an access token and
 * templates are configured.
 */
export function zaloChannel(
  zalo: NonNullable<AlertsConfig['zalo']>,
  kindOf: (tag: string) => AlertKind,
  post: Fetch = fetch,
): AlertChannel {
  return {
    name: 'zalo',
    async deliver(recipient, message, options) {
      const template = zalo.templates[kindOf(options.tag)];
      if (!recipient.phone || !template) return 'no_address';
      const response = await post(zalo.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', access_token: zalo.accessToken },
        body: JSON.stringify({
          phone: recipient.phone.replace(/^\+/, ''),
          template_id: template,
          template_data: { title: message.title, message: message.text },
          tracking_id: options.tag.slice(0, 48),
        }),
      });
      const body = (await response.json().catch(() => undefined)) as { error?: number } | undefined;
      if (!response.ok || body?.error !== 0)
        throw new Error(`zns refused (${response.status}/${body?.error ?? '?'})`);
      return 'sent';
    },
  };
}
