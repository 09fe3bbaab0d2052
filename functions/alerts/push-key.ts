import { createHandler } from '@chophien/http';
import { route } from '../routes.ts';
import { alertsConfig } from './config.ts';

export const handler = createHandler(route('GET /alerts/push-key'), {
  handle: () => ({ publicKey: alertsConfig().vapid?.publicKey ?? null }),
});
