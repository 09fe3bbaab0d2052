/**
 * The two notification-service adapters: check the signature, then turn the provider's payload into
 * one `IncomingPayment`. Builders of correctly signed notifications live here too: the bank simulator,
 * the tests and the benchmark all sign exactly the way the verifier checks.
 */
import * as z from 'zod';
import {
  SEPAY_MAX_SKEW_MS,
  SEPAY_SIGNATURE_PREFIX,
  signPayOs,
  signSePay,
  verifyPayOs,
  verifySePay,
} from './signatures.ts';

export const bankProviders = ['payos', 'sepay'] as const;
export type BankProvider = (typeof bankProviders)[number];

export const SEPAY_TIMESTAMP_HEADER = 'x-sepay-timestamp';
export const SEPAY_SIGNATURE_HEADER = 'x-sepay-signature';
/** A payOS-style notification whose transaction is older than this is refused as stale. */
export const PAYOS_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** Who sent the money, as far as the provider says (payOS: counter-account fields; SePay: nothing). */
export interface Payer {
  readonly name?: string;
  readonly accountNumber?: string;
  /** The payer bank's id as the provider gives it (payOS `counterAccountBankId`: a BIN or a NAPAS code). */
  readonly bankId?: string;
  readonly bankName?: string;
}

export interface IncomingPayment {
  readonly provider: BankProvider;
  readonly providerTransactionId: string;
  readonly amountVnd: number;
  readonly memo: string;
  readonly receivedAt: string;
  readonly receivingAccount: { readonly bin?: string; readonly accountNumber: string };
  readonly payer?: Payer;
}

/**
 * A payment whose receiving account is one of its channel's accounts (channel-accounts.ts): the only
 * kind that may be credited or stored. `receivingAccount` is the channel's record (bin included), not
 * the body's claim.
 */
export interface VerifiedPayment extends IncomingPayment {
  readonly channelId: string;
  readonly receivingAccount: { readonly bin: string; readonly accountNumber: string };
}

/** Money that left an account (SePay reports these): closes a refund case whose code is in the memo. */
export interface OutgoingTransfer {
  readonly provider: BankProvider;
  readonly providerTransactionId: string;
  readonly amountVnd: number;
  readonly memo: string;
  readonly at: string;
  readonly fromAccount: { readonly accountNumber: string };
  readonly reference?: string;
}

export type NotificationRejection = 'unsigned' | 'forged' | 'stale' | 'malformed';

export type NotificationReading =
  | { readonly kind: 'payment'; readonly payment: IncomingPayment }
  | { readonly kind: 'outgoing'; readonly transfer: OutgoingTransfer }
  /** Signed and valid, but not money in (an outgoing transfer, a provider's test ping). */
  | { readonly kind: 'ignored'; readonly reason: string }
  | { readonly kind: 'rejected'; readonly reason: NotificationRejection };

/** Providers write local Vietnamese time without an offset: `2026-11-23 09:15:02`. */
const vietnamTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}$/)
  .transform((text) => new Date(`${text.replace(' ', 'T')}+07:00`).toISOString());

export function toVietnamTimeText(iso: string): string {
  const shifted = new Date(new Date(iso).getTime() + 7 * 3600 * 1000).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 19)}`;
}

const money = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

const payOsEnvelope = z.object({
  code: z.string().optional(),
  desc: z.string().optional(),
  success: z.boolean().optional(),
  data: z.record(z.string(), z.unknown()),
  signature: z.string().optional(),
});

const payOsData = z.object({
  orderCode: z.union([z.number(), z.string()]).optional(),
  amount: money,
  description: z.string().max(500).default(''),
  accountNumber: z.string().min(1).max(19),
  reference: z.string().min(1).max(100),
  transactionDateTime: vietnamTime,
  counterAccountBankId: z.string().max(40).nullish(),
  counterAccountBankName: z.string().max(200).nullish(),
  counterAccountName: z.string().max(200).nullish(),
  counterAccountNumber: z.string().max(40).nullish(),
});

/** Only the fields the provider actually filled in (empty strings are "not sent"). */
function payerOf(fields: Record<string, string | null | undefined>): Payer | undefined {
  const payer: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields)) if (value?.trim()) payer[key] = value.trim();
  return Object.keys(payer).length > 0 ? (payer as Payer) : undefined;
}

const sePayBody = z.object({
  id: z.union([z.number().int(), z.string().min(1).max(100)]),
  gateway: z.string().max(100).optional(),
  transactionDate: vietnamTime,
  accountNumber: z.string().min(1).max(19),
  code: z.string().nullish(),
  content: z.string().max(500).default(''),
  transferType: z.enum(['in', 'out']),
  transferAmount: money,
  referenceCode: z.string().nullish(),
  description: z.string().nullish(),
});

function parseJson(rawBody: string): unknown {
  try {
    return JSON.parse(rawBody);
  } catch {
    return undefined;
  }
}

function readPayOs(rawBody: string, secret: string, now: Date): NotificationReading {
  const envelope = payOsEnvelope.safeParse(parseJson(rawBody));
  if (!envelope.success) return { kind: 'rejected', reason: 'malformed' };
  if (!envelope.data.signature) return { kind: 'rejected', reason: 'unsigned' };
  if (!verifyPayOs(secret, envelope.data.data, envelope.data.signature))
    return { kind: 'rejected', reason: 'forged' };
  const data = payOsData.safeParse(envelope.data.data);
  if (!data.success) return { kind: 'rejected', reason: 'malformed' };
  const age = now.getTime() - Date.parse(data.data.transactionDateTime);
  if (age > PAYOS_MAX_AGE_MS || age < -SEPAY_MAX_SKEW_MS) return { kind: 'rejected', reason: 'stale' };
  return {
    kind: 'payment',
    payment: {
      provider: 'payos',
      providerTransactionId: data.data.reference,
      amountVnd: data.data.amount,
      memo: data.data.description,
      receivedAt: data.data.transactionDateTime,
      receivingAccount: { accountNumber: data.data.accountNumber },
      ...withPayer(
        payerOf({
          name: data.data.counterAccountName,
          accountNumber: data.data.counterAccountNumber,
          bankId: data.data.counterAccountBankId,
          bankName: data.data.counterAccountBankName,
        }),
      ),
    },
  };
}

const withPayer = (payer: Payer | undefined) => (payer ? { payer } : {});

function readSePay(
  rawBody: string,
  secret: string,
  now: Date,
  header: (name: string) => string | undefined,
): NotificationReading {
  const check = verifySePay({
    secret,
    rawBody,
    timestamp: header(SEPAY_TIMESTAMP_HEADER),
    signature: header(SEPAY_SIGNATURE_HEADER),
    now,
  });
  if (check !== 'ok') return { kind: 'rejected', reason: check };
  const body = sePayBody.safeParse(parseJson(rawBody));
  if (!body.success) return { kind: 'rejected', reason: 'malformed' };
  if (body.data.transferType !== 'in') {
    return {
      kind: 'outgoing',
      transfer: {
        provider: 'sepay',
        providerTransactionId: String(body.data.id),
        amountVnd: body.data.transferAmount,
        memo: body.data.content,
        at: body.data.transactionDate,
        fromAccount: { accountNumber: body.data.accountNumber },
        ...(body.data.referenceCode ? { reference: body.data.referenceCode } : {}),
      },
    };
  }
  return {
    kind: 'payment',
    payment: {
      provider: 'sepay',
      providerTransactionId: String(body.data.id),
      amountVnd: body.data.transferAmount,
      memo: body.data.content,
      receivedAt: body.data.transactionDate,
      receivingAccount: { accountNumber: body.data.accountNumber },
    },
  };
}

export function readBankNotification(input: {
  provider: BankProvider;
  rawBody: string | undefined;
  secret: string;
  now: Date;
  header: (name: string) => string | undefined;
}): NotificationReading {
  if (!input.rawBody) return { kind: 'rejected', reason: 'unsigned' };
  return input.provider === 'payos'
    ? readPayOs(input.rawBody, input.secret, input.now)
    : readSePay(input.rawBody, input.secret, input.now, input.header);
}

export interface SimulatedTransfer {
  transactionId: string;
  amountVnd: number;
  memo: string;
  accountNumber: string;
  /** When the bank booked it (ISO); default now. */
  at?: string;
  /** payOS-style only: the counter-account fields. */
  payer?: Payer;
  /** SePay-style only: `out` = money leaving the account (a refund sent). */
  direction?: 'in' | 'out';
}

export interface SignedNotification {
  readonly body: string;
  readonly headers: Record<string, string>;
}

/** What a payOS-style service would POST for one incoming transfer. */
export function buildPayOsNotification(secret: string, transfer: SimulatedTransfer): SignedNotification {
  const data = {
    orderCode: 0,
    amount: transfer.amountVnd,
    description: transfer.memo,
    accountNumber: transfer.accountNumber,
    reference: transfer.transactionId,
    transactionDateTime: toVietnamTimeText(transfer.at ?? new Date().toISOString()),
    currency: 'VND',
    paymentLinkId: '',
    code: '00',
    desc: 'success',
    counterAccountBankId: transfer.payer?.bankId ?? '',
    counterAccountBankName: transfer.payer?.bankName ?? '',
    counterAccountName: transfer.payer?.name ?? '',
    counterAccountNumber: transfer.payer?.accountNumber ?? '',
    virtualAccountName: '',
    virtualAccountNumber: '',
  };
  const body = JSON.stringify({
    code: '00',
    desc: 'success',
    success: true,
    data,
    signature: signPayOs(secret, data),
  });
  return { body, headers: { 'content-type': 'application/json' } };
}

/** What a SePay-style service would POST; `timestamp` (unix seconds) defaults to now. */
export function buildSePayNotification(
  secret: string,
  transfer: SimulatedTransfer,
  timestamp = Math.floor(Date.now() / 1000),
): SignedNotification {
  const body = JSON.stringify({
    id: transfer.transactionId,
    gateway: 'SimBank',
    transactionDate: toVietnamTimeText(transfer.at ?? new Date().toISOString()),
    accountNumber: transfer.accountNumber,
    code: null,
    content: transfer.memo,
    transferType: transfer.direction ?? 'in',
    transferAmount: transfer.amountVnd,
    accumulated: 0,
    subAccount: null,
    referenceCode: transfer.transactionId,
    description: '',
  });
  const stamp = String(timestamp);
  return {
    body,
    headers: {
      'content-type': 'application/json',
      [SEPAY_TIMESTAMP_HEADER]: stamp,
      [SEPAY_SIGNATURE_HEADER]: `${SEPAY_SIGNATURE_PREFIX}${signSePay(secret, stamp, body)}`,
    },
  };
}

export function buildBankNotification(
  provider: BankProvider,
  secret: string,
  transfer: SimulatedTransfer,
  timestamp?: number,
): SignedNotification {
  return provider === 'payos'
    ? buildPayOsNotification(secret, transfer)
    : buildSePayNotification(secret, transfer, timestamp);
}
