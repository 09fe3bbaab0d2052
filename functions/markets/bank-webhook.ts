import { bankProviders, type IncomingOrderPayment, receiveBankNotification } from '@chophien/core';
import { createHandler, header } from '@chophien/http';
import * as z from 'zod';
import { route } from '../routes.ts';
import { moneyServices } from './money-services.ts';

export const handler = createHandler(route('POST /webhooks/bank/{provider}/{channel}'), {
  path: z.object({ provider: z.enum(bankProviders), channel: z.string().min(1).max(64) }),
  handle: async ({ path, rawBody, event }) => {
    const services = moneyServices();
    // The selling farmer hears what an order payment did (decision 1002); loaded on the first one.
    const orderPayments = async (payment: IncomingOrderPayment) => {
      const outcome = await services.orderPayments(payment);
      const { alertOrderOutcome } = await import('../alerts/wiring.ts');
      await alertOrderOutcome(payment, outcome);
      return outcome;
    };
    const result = await receiveBankNotification(
      { ...services, orderPayments },
      {
        provider: path.provider,
        channelId: path.channel,
        rawBody,
        header: (name) => header(event, name),
      },
    );
    // An underpaid stall sale alerts its vendor (decision 1002); the alert code loads on the first one.
    if (result.outcome === 'credited' && result.sale?.status === 'underpaid') {
      const { alertStallSale } = await import('./stall-alerts.ts');
      await alertStallSale(result, new Date().toISOString());
    }
    // payOS-style services expect a 2xx with a success flag; duplicates are acknowledged so retries stop.
    return { success: true, ...result };
  },
});
