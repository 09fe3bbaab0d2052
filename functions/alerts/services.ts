import {
  type AlertChannel,
  type AlertDeps,
  type AlertKind,
  type RaiseAlert,
  raiseAlert,
} from '@chophien/core';
import { alertStore } from '@chophien/db';
import { logger } from '@chophien/http';
import { services } from '../shared/services.ts';
import { smsSenderFromEnv } from '../shared/sms.ts';
import { pushChannel, smsChannel, zaloChannel } from './channels.ts';
import { alertsConfig } from './config.ts';

let built: ReturnType<typeof build> | undefined;

function build() {
  const { db, users } = services();
  const config = alertsConfig();
  const alerts = alertStore(db);
  const channels: AlertChannel[] = [];
  const sms = smsSenderFromEnv();
  if (sms) channels.push(smsChannel(sms));
  if (config.vapid) channels.push(pushChannel(config.vapid, alerts));
  if (config.zalo) channels.push(zaloChannel(config.zalo, (tag) => tag.split('#')[0] as AlertKind));
  const deps: AlertDeps = {
    alerts,
    users,
    channels,
    clock: { now: () => new Date() },
    log: (message, facts) => logger.warn(message, facts),
  };
  const raise: RaiseAlert = (event) => raiseAlert(deps, event);
  return { ...deps, config, raise };
}

/** The alerts' adapters, built once per container; `raise` is what payment and order code calls. */
export const alertsServices = () => {
  built ??= build();
  return built;
};
