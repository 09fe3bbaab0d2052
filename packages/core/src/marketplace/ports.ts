import type { Product } from '../catalog/product.ts';
import type { Payer } from '../markets/bank-notifications.ts';
import type { RefundCase } from '../refunds/model.ts';
import type { HoldClaim, HoldSlot } from './holds.ts';
import type { Order, OrderStatus } from './order.ts';
import type { PayoutAccount } from './payout-account.ts';

export interface StockShortage {
  readonly productId: string;
}

export interface RecordedPayment {
  readonly provider: string;
  readonly providerTransactionId: string;
  readonly channelId?: string;
  readonly amountVnd: number;
  readonly memo: string;
  readonly receivedAt: string;
  readonly receivingAccount: { bin: string; accountNumber: string };
  readonly payer?: Payer;
  readonly orderId?: string;
  /** credited: counted towards the order; refund_due: money arrived for an order that can no longer take it. */
  readonly disposition: 'credited' | 'refund_due';
}

export interface OrderPaymentWrite {
  readonly order: Order;
  readonly paidVnd: number;
  readonly overpaidVnd: number;
  readonly status: OrderStatus;
  readonly at: string;
  readonly payment: RecordedPayment;
  /** An overpaid order's surplus, opened as a refund case in the same transaction. */
  readonly refund?: RefundCase;
}

/** What the marketplace needs from storage for orders; packages/db implements it on DynamoDB. */
export interface OrderStore {
  /**
   * All orders of one checkout, their code claims, every stock decrement and the buyer's hold slot
   * (written only if it still holds what the caller saw): all or nothing.
   */
  create(
    orders: readonly Order[],
    hold: HoldClaim,
  ): Promise<
    { ok: true } | { ok: false; shortages: StockShortage[]; codeTaken: boolean; holdTaken: boolean }
  >;
  /** The buyer's occupied hold slots (core/marketplace/holds.ts). */
  holds(buyerId: string): Promise<HoldSlot[]>;
  getById(id: string): Promise<Order | undefined>;
  getByCode(code: string): Promise<Order | undefined>;
  listByBuyer(buyerId: string, limit: number): Promise<Order[]>;
  /** The orders of the checkout that holds this pay token (marketplace/pay-link.ts); [] when none. */
  listByPayToken(token: string): Promise<Order[]>;
  listByFarmer(farmerId: string, query: { status?: OrderStatus; limit: number }): Promise<Order[]>;
  /** Orders still pending (unpaid or partly paid) whose payBy is before `now`, oldest first. */
  listOverdue(now: string, limit: number): Promise<Order[]>;
  /**
   * Moves an order from `order.status` (must still hold, with the same paidVnd) to `to`;
   * releases its stock when `to` is cancelled/expired, and when such an order holds money
   * (`paidVnd > 0`) records it as refund due (order field + the `refund` case, decision 0706). False
   * when the order changed meanwhile; then nothing is written.
   */
  transition(order: Order, to: OrderStatus, at: string, by: string, refund?: RefundCase): Promise<boolean>;
  /** Whether this transaction into this account was recorded already (idempotency key, decision 0704). */
  paymentExists(
    payment: Pick<RecordedPayment, 'provider' | 'providerTransactionId' | 'receivingAccount'>,
  ): Promise<boolean>;
  /** Payment item (must be new) + order update (must be unchanged) in one transaction. */
  applyPayment(write: OrderPaymentWrite): Promise<'applied' | 'duplicate' | 'stale'>;
  /** Payment item (must be new) + the refund case holding it: money for an order that cannot take it. */
  recordUncreditedPayment(
    payment: RecordedPayment,
    refund?: RefundCase,
  ): Promise<'recorded' | 'duplicate' | 'stale'>;
}

export interface PayoutAccountStore {
  get(farmerId: string): Promise<PayoutAccount | undefined>;
  put(account: PayoutAccount): Promise<void>;
}

export interface ProductReader {
  getById(id: string): Promise<Product | undefined>;
}

export interface MarketplaceClock {
  now(): Date;
}

/** Where a browser sends a photo's bytes directly (a presigned S3 PUT, or its local stand-in). */
export interface PhotoUploadTarget {
  readonly method: 'PUT';
  readonly url: string;
  /** Headers the upload must carry exactly as given (they are part of the signature). */
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * Photo storage: S3 on AWS, a folder locally (docs/decisions/0603-listing-photos.md). Staged uploads
 * live under `uploads/`, storefront renditions under `photos/` (served publicly at PHOTOS_PUBLIC_URL).
 */
export interface PhotoStore {
  uploadTarget(
    key: string,
    declared: { contentType: string; contentLength: number },
    expiresInSeconds: number,
  ): Promise<PhotoUploadTarget>;
  /** A staged upload's bytes; undefined when there is none, 'too_large' (unread) when over maxBytes. */
  readUpload(key: string, maxBytes: number): Promise<Uint8Array | 'too_large' | undefined>;
  /** Stages bytes received another way (the no-JS site form posts them through the server). */
  putUpload(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  putPublic(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  remove(keys: readonly string[]): Promise<void>;
}

/** A decoded photo, EXIF orientation already applied. */
export interface DecodedPhoto {
  readonly width: number;
  readonly height: number;
  /** Re-encodes at `width` (aspect kept) as a baseline JPEG carrying no metadata at all. */
  toJpeg(width: number, quality: number): Promise<{ width: number; height: number; bytes: Uint8Array }>;
}

/** Decodes JPEG, PNG and WebP (sharp/libvips); throws on bytes it cannot decode or process in time. */
export interface PhotoProcessor {
  /** The most pixels it will decode (from its process's memory: `photoPixelCap`). */
  readonly maxPixels: number;
  decode(bytes: Uint8Array): Promise<DecodedPhoto>;
}
