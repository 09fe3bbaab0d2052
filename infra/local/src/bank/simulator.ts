/**
 * The local bank: sends the notification a payOS- or SePay-style service would send for a transfer
 * to a stall, a sale or an order, signed with the receiving channel's secret from the local
 * secrets file — or deliberately wrong (forged, late, duplicated) to show how the platform refuses it.
 */
import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';
import { buildBankNotification, type Channel, normalizeOrderCode } from '@chophien/core';
import { type Db, marketsStore, orderRepository } from '@chophien/db';
import { findBank } from '@chophien/vietqr';
import { readSecretsFile } from '../../../../functions/markets/channel-secrets.ts';
import { recordBankTransaction } from './ledger.ts';

export interface PayOptions {
  /** Stall code (`TD-A01`), sale code (`BH…`) or order code (`CP…`). */
  readonly to?: string;
  /**
   * Or, as a payer's bank app does, the receiving bank (name or BIN) and account number typed from a
   * pay page: the transfer then reaches whatever channel reports for that account, and `memo` is the
   * content the payer typed (no code lookup at all).
   */
  readonly account?: { readonly bank: string; readonly number: string };
  readonly amountVnd: number;
  /** Memo as the payer's bank app sends it; default: the code itself. */
  readonly memo?: string;
  readonly duplicate?: boolean;
  readonly forge?: boolean;
  readonly late?: boolean;
  readonly transactionId?: string;
  /** false = the webhook is down: the bank books the transfer, no notification arrives (the poll finds it). */
  readonly deliver?: boolean;
  /** payOS-style only: who paid (counter-account fields). */
  readonly payer?: { name?: string; accountNumber?: string; bankId?: string };
}

export interface Delivery {
  readonly status: number;
  readonly body: unknown;
}

export interface PayResult {
  readonly channel: { id: string; provider: string; bin: string; accountNumber: string };
  readonly transactionId: string;
  readonly deliveries: Delivery[];
}

async function channelFor(db: Db, code: string): Promise<Channel> {
  const store = marketsStore(db);
  const upper = code.trim().toUpperCase();
  let vendorId: string | undefined;
  let accountId: string | undefined;
  const stall = await store.getStallByCode(upper);
  if (stall) {
    vendorId = stall.vendorId;
    accountId = stall.accountId;
  } else if (/^BH[0-9A-Z]{6}$/.test(upper)) {
    const sale = await store.getSale(upper);
    const saleStall = sale ? await store.getStall(sale.stallId) : undefined;
    vendorId = saleStall?.vendorId;
    accountId = saleStall?.accountId;
  } else {
    const orderCode = normalizeOrderCode(upper);
    const order = orderCode ? await orderRepository(db).getByCode(orderCode) : undefined;
    if (order) {
      const [channel] = await store.channelsOfAccount(order.payTo.bankBin, order.payTo.accountNumber);
      if (channel) return channel;
      throw new Error(
        `Đơn ${orderCode}: tài khoản nhận chưa nối kênh thông báo / the order's payee account has no channel`,
      );
    }
  }
  const account = vendorId && accountId ? await store.getAccount(vendorId, accountId) : undefined;
  const channel = account ? await store.getChannel(account.channelId) : undefined;
  if (!channel) throw new Error(`Không tìm thấy mã ${code} / no stall, sale or order with code ${code}`);
  return channel;
}

async function channelForAccount(db: Db, account: { bank: string; number: string }): Promise<Channel> {
  const bin = /^\d{6}$/.test(account.bank) ? account.bank : findBank(account.bank)?.bin;
  if (!bin) throw new Error(`Không biết ngân hàng "${account.bank}" / unknown bank`);
  const number = account.number.replace(/\s/g, '');
  const [channel] = await marketsStore(db).channelsOfAccount(bin, number);
  if (!channel)
    throw new Error(`Tài khoản ${number} (${bin}) chưa nối kênh thông báo / no channel reports for it`);
  return channel;
}

export async function pay(
  options: PayOptions,
  context: { db: Db; apiUrl: string; secretsFile: string },
): Promise<PayResult> {
  if (!options.to && !options.account)
    throw new Error('Cần --to hoặc --bank và --account / need --to or --bank with --account');
  const channel = options.account
    ? await channelForAccount(context.db, options.account)
    : await channelFor(context.db, options.to ?? '');
  return transfer(channel, { ...options, direction: 'in' }, context);
}

/**
 * The owner sends money back from the account `from` (a stall, sale or order code naming it): the
 * bank books an outgoing transfer and a SePay-style channel reports it (decision 0706 closes the case).
 */
export async function sendRefund(
  options: { from: string; amountVnd: number; memo: string; transactionId?: string },
  context: { db: Db; apiUrl: string; secretsFile: string },
): Promise<PayResult> {
  const channel = await channelFor(context.db, options.from);
  return transfer(channel, { to: options.from, ...options, direction: 'out' }, context);
}

async function transfer(
  channel: Channel,
  options: PayOptions & { direction: 'in' | 'out' },
  context: { db: Db; apiUrl: string; secretsFile: string },
): Promise<PayResult> {
  const secret = options.forge
    ? randomBytes(32).toString('base64url')
    : readSecretsFile(context.secretsFile).channels[channel.id];
  if (!secret)
    throw new Error(
      `Kênh ${channel.id} chưa có khóa trong ${context.secretsFile} / no secret for the channel`,
    );
  const transactionId =
    options.transactionId ??
    `SIM${Date.now().toString(36).toUpperCase()}${randomBytes(3).toString('hex').toUpperCase()}`;
  const lateMs = channel.provider === 'sepay' ? 6 * 60 * 1000 : 25 * 3600 * 1000;
  const at = options.late ? new Date(Date.now() - lateMs) : new Date();
  const memo = options.memo ?? options.to ?? '';
  if (!options.forge) {
    recordBankTransaction(dirname(context.secretsFile), {
      id: transactionId,
      provider: channel.provider,
      accountNumber: channel.accountNumber,
      amountVnd: options.amountVnd,
      memo,
      at: at.toISOString(),
      direction: options.direction,
    });
  }
  const notification = buildBankNotification(
    channel.provider,
    secret,
    {
      transactionId,
      amountVnd: options.amountVnd,
      memo,
      accountNumber: channel.accountNumber,
      at: at.toISOString(),
      direction: options.direction,
      ...(options.payer ? { payer: options.payer } : {}),
    },
    Math.floor(at.getTime() / 1000),
  );
  const deliveries: Delivery[] = [];
  const copies = options.deliver === false ? 0 : options.duplicate ? 2 : 1;
  for (let i = 0; i < copies; i++) {
    const response = await fetch(`${context.apiUrl}/webhooks/bank/${channel.provider}/${channel.id}`, {
      method: 'POST',
      headers: notification.headers,
      body: notification.body,
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // keep text
    }
    deliveries.push({ status: response.status, body });
  }
  return {
    channel: {
      id: channel.id,
      provider: channel.provider,
      bin: channel.bin,
      accountNumber: channel.accountNumber,
    },
    transactionId,
    deliveries,
  };
}
