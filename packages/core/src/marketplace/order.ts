import * as z from 'zod';
import { localizedText } from '../catalog/product.ts';
import { bilingual } from '../errors/zod-issues.ts';
import { PHONE_EXAMPLE, toE164Vietnam } from '../identity/phone.ts';

export const orderStatuses = [
  'pending_payment',
  'paid',
  'ready',
  'shipped',
  'completed',
  'cancelled',
  'expired',
] as const;
export type OrderStatus = (typeof orderStatuses)[number];

export const fulfilmentMethods = ['pickup', 'delivery'] as const;

export const orderLineSchema = z.object({
  productId: z.string(),
  productSlug: z.string(),
  packId: z.string(),
  title: localizedText(120),
  packLabel: localizedText(60),
  /** Base units one pack draws from the product's pool. */
  packSize: z.number().int().positive(),
  quantity: z.number().int().positive(),
  unitPriceVnd: z.number().int().positive(),
  lineTotalVnd: z.number().int().positive(),
  /** Pre-orders: sold now, delivered from the listing's harvest day on. */
  deliverFrom: z.iso.date().optional(),
});
export type OrderLine = z.infer<typeof orderLineSchema>;

/** A Vietnamese phone number in any common form, kept in E.164 (text/phone.ts). */
export const vietnamPhoneSchema = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const e164 = toE164Vietnam(value);
    if (!e164) {
      ctx.addIssue({
        code: 'custom',
        message: bilingual(
          `Số điện thoại chưa đúng. Ghi 10 số, ví dụ ${PHONE_EXAMPLE}.`,
          `That phone number looks wrong. Write 10 digits, e.g. ${PHONE_EXAMPLE}.`,
        ),
      });
      return z.NEVER;
    }
    return e164;
  });

export const contactSchema = z.strictObject({
  name: z
    .string()
    .trim()
    .min(2, bilingual('Ghi họ và tên người nhận.', 'Write the name of the person receiving.'))
    .max(100),
  phone: vietnamPhoneSchema,
  address: z.string().trim().max(300).optional(),
});

export const orderSchema = z.object({
  id: z.string(),
  code: z.string(),
  /** Orders placed together from one cart share it: one per farmer. */
  checkoutId: z.string(),
  /** The checkout's pay link token (marketplace/pay-link.ts): shared by its orders, unguessable. */
  payToken: z.string().optional(),
  buyerId: z.string(),
  farmerId: z.string(),
  lines: z.array(orderLineSchema).min(1),
  totalVnd: z.number().int().positive(),
  paidVnd: z.number().int().min(0),
  overpaidVnd: z.number().int().min(0),
  status: z.enum(orderStatuses),
  fulfilment: z.enum(fulfilmentMethods),
  contact: contactSchema,
  note: z.string().max(500).optional(),
  payTo: z.object({ bankBin: z.string(), accountNumber: z.string(), accountName: z.string() }),
  createdAt: z.string(),
  /** Unpaid after this instant → expired by the sweeper, stock released. */
  payBy: z.string(),
  paidAt: z.string().optional(),
  /** Money kept by an order that closed without being fully paid (expired while partly paid): owed back to the buyer. */
  refundDueVnd: z.number().int().min(0).optional(),
  /** Who paid, as the first crediting notification said (a refund goes back there; decision 0706). */
  payer: z
    .object({
      name: z.string().optional(),
      accountNumber: z.string().optional(),
      bankId: z.string().optional(),
      bankName: z.string().optional(),
    })
    .optional(),
  updatedAt: z.string(),
  /** Stamps of each state reached, for the order status page. */
  history: z.array(z.object({ status: z.enum(orderStatuses), at: z.string(), by: z.string() })),
});
export type Order = z.infer<typeof orderSchema>;

/** Who may move an order from one state to the next; payment moves happen only via recordOrderPayment. */
const farmerMoves: Partial<Record<OrderStatus, readonly OrderStatus[]>> = {
  pending_payment: ['cancelled'],
  // A farmer who cannot fulfil a paid order cancels it; its money becomes a refund case (0706).
  paid: ['ready', 'shipped', 'cancelled'],
  // Packed ("ready") then handed to the carrier, or collected at the farm.
  ready: ['shipped', 'completed', 'cancelled'],
  shipped: ['completed'],
};
const buyerMoves: Partial<Record<OrderStatus, readonly OrderStatus[]>> = {
  pending_payment: ['cancelled'],
  shipped: ['completed'],
};

export type OrderParty = 'farmer' | 'buyer';

export const canMove = (party: OrderParty, from: OrderStatus, to: OrderStatus): boolean =>
  (party === 'farmer' ? farmerMoves : buyerMoves)[from]?.includes(to) ?? false;

/** States in which the reserved stock goes back to the pool. */
export const releasesStock = (status: OrderStatus): boolean => status === 'cancelled' || status === 'expired';

/** Base units each product's pool must give up for these lines (packs of one product summed). */
export function unitsByProduct(lines: readonly Pick<OrderLine, 'productId' | 'packSize' | 'quantity'>[]) {
  const totals = new Map<string, number>();
  for (const line of lines)
    totals.set(line.productId, (totals.get(line.productId) ?? 0) + line.packSize * line.quantity);
  return totals;
}

/** A state named in a form or query string, or undefined. */
export const pickOrderStatus = (value: string): OrderStatus | undefined =>
  (orderStatuses as readonly string[]).includes(value) ? (value as OrderStatus) : undefined;
