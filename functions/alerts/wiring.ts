/**
 * The two calls other areas make after their own work is done (one line each at the call site):
 * the payment path after `recordOrderPayment`, the checkout after `placeOrders`. Neither can fail its caller.
 */
import {
  alertLowStock,
  alertOrderPayment,
  type CheckoutResult,
  type IncomingOrderPayment,
  type OrderPaymentOutcome,
} from '@chophien/core';
import { orderRepository, productRepository } from '@chophien/db';
import { logger } from '@chophien/http';
import { services } from '../shared/services.ts';
import { alertsServices } from './services.ts';

const quietly = async (what: string, run: () => Promise<void>) => {
  try {
    await run();
  } catch (error) {
    logger.warn('alert source failed', { what, error: error instanceof Error ? error.name : 'unknown' });
  }
};

export const alertOrderOutcome = (payment: IncomingOrderPayment, outcome: OrderPaymentOutcome) =>
  quietly('order payment', () => {
    const { raise, config } = alertsServices();
    return alertOrderPayment(
      { orders: orderRepository(services().db), raise, siteUrl: config.siteUrl },
      payment,
      outcome,
    );
  });

export const alertStockAfterOrders = (result: CheckoutResult) =>
  quietly('stock', () => {
    const { raise, config, clock } = alertsServices();
    const productIds = result.orders.flatMap((order) => order.lines.map((line) => line.productId));
    return alertLowStock(
      { products: productRepository(services().db), raise, siteUrl: config.siteUrl, clock },
      productIds,
    );
  });
