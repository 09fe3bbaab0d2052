/**
 * What only the money handlers need (bank webhook, missed-payment poll, refund routes): business
 * metrics, refund cases, order payments and the providers' transaction APIs. Kept apart from services.ts so the other
 * markets handlers do not load them at cold start (the bundle budget of decision 0320).
 */
import {
  type Actor,
  closeRefundByTransfer,
  type IncomingOrderPayment,
  managesMarket,
  recordOrderPayment,
} from '@chophien/core';
import { orderRepository, refundStore } from '@chophien/db';
import { businessMetrics, logger } from '@chophien/http';
import { services } from '../shared/services.ts';
import { providerTransactions } from './provider-transactions.ts';
import { marketsServices } from './services.ts';

let built: ReturnType<typeof build> | undefined;
let refundsBuilt: ReturnType<typeof buildRefundDeps> | undefined;

function buildRefundDeps() {
  const { store, clock } = marketsServices();
  return {
    refunds: refundStore(services().db),
    markets: store,
    clock,
    /** The markets an actor manages (their refund list covers those). */
    managedMarkets: async (actor: Actor) =>
      (await store.listMarkets()).filter((market) => managesMarket(actor, market)).map((market) => market.id),
  };
}

/** Refund cases alone (the refund routes): without the metrics, order payments and providers' APIs below. */
export const refundServices = () => {
  refundsBuilt ??= buildRefundDeps();
  return refundsBuilt;
};

function build() {
  const markets = marketsServices();
  const refundDeps = refundServices();
  const orders = orderRepository(services().db);
  return {
    ...markets,
    orderPayments: (payment: IncomingOrderPayment) => recordOrderPayment({ orders }, payment),
    outcomeLog: {
      info: (message: string, facts: Record<string, string | number>) => logger.info(message, facts),
    },
    metrics: businessMetrics(),
    outgoingTransfers: (
      channel: Parameters<typeof closeRefundByTransfer>[1],
      transfer: Parameters<typeof closeRefundByTransfer>[2],
    ) => closeRefundByTransfer(refundDeps, channel, transfer),
    refundDeps,
    transactions: providerTransactions({
      sePayApiUrl: markets.config.SEPAY_API_URL,
      secrets: markets.secrets,
    }),
  };
}

/** Built once per container, on top of the markets area's adapters. */
export const moneyServices = () => {
  built ??= build();
  return built;
};
