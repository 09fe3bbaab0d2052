import { bankProviders, receiveBankNotification } from '@chophien/core';
import { createHandler, header } from '@chophien/http';
import * as z from 'zod';
import { route } from '../routes.ts';
import { marketsServices } from './services.ts';

export const handler = createHandler(route('POST /webhooks/bank/{provider}/{channel}'), {
  path: z.object({ provider: z.enum(bankProviders), channel: z.string().min(1).max(64) }),
  handle: async ({ path, rawBody, event }) => {
    const result = await receiveBankNotification(marketsServices(), {
      provider: path.provider,
      channelId: path.channel,
      rawBody,
      header: (name) => header(event, name),
    });
    // payOS-style services expect a 2xx with a success flag; duplicates are acknowledged so retries stop.
    return { success: true, ...result };
  },
});
