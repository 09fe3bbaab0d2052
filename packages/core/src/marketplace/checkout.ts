import { ulid } from 'ulid';
import * as z from 'zod';
import { type Product, packsAvailable } from '../catalog/product.ts';
import { conflict, DomainError, notFound } from '../errors/domain-error.ts';
import { bilingual } from '../errors/zod-issues.ts';
import type { Actor } from '../identity/user.ts';
import type { AttemptCounter } from '../limits/attempts.ts';
import { enforceThrottles } from '../limits/throttle.ts';
import { THROTTLES } from '../limits/throttles.ts';
import { MAX_TRANSFER_VND } from '../money/vnd.ts';
import {
  type BuyerKind,
  freeHoldSlot,
  HOLD_RULES,
  type HoldClaim,
  holdMinutes,
  maxUnitsPerCheckout,
  shareExceeded,
  tooManyUnpaid,
} from './holds.ts';
import { contactSchema, fulfilmentMethods, type Order, type OrderLine } from './order.ts';
import { generateOrderCode } from './order-code.ts';
import { type OrderView, toOrderView } from './order-view.ts';
import { newPayToken } from './pay-link.ts';
import type { MarketplaceClock, OrderStore, PayoutAccountStore, ProductReader } from './ports.ts';

export const checkoutInputSchema = z
  .strictObject({
    items: z
      .array(
        z.strictObject({
          productId: z.string().min(1).max(40),
          packId: z.string().min(1).max(32),
          quantity: z
            .number()
            .int(bilingual('Số lượng phải là số nguyên.', 'Quantity must be a whole number.'))
            .min(1, bilingual('Số lượng ít nhất là 1.', 'Quantity must be at least 1.'))
            .max(999),
        }),
      )
      .min(1, bilingual('Giỏ hàng đang trống.', 'The cart is empty.'))
      .max(20, bilingual('Tối đa 20 dòng mỗi lần đặt.', 'At most 20 lines per checkout.')),
    fulfilment: z.enum(fulfilmentMethods),
    contact: contactSchema,
    note: z.string().trim().max(500).optional(),
  })
  // A delivery needs somewhere to deliver to: the farmer reads this address on the desk.
  .refine((input) => input.fulfilment !== 'delivery' || (input.contact.address ?? '').length >= 10, {
    path: ['contact', 'address'],
    message: bilingual(
      'Ghi địa chỉ giao hàng: số nhà, thôn/xóm, xã/phường, tỉnh.',
      'Write the delivery address: house, village, commune, province.',
    ),
  });
export type CheckoutInput = z.infer<typeof checkoutInputSchema>;

export interface CheckoutDeps {
  readonly orders: OrderStore;
  readonly products: ProductReader;
  readonly payouts: PayoutAccountStore;
  readonly clock: MarketplaceClock;
  /** How long a buyer has to pay before the order expires and its stock returns. */
  readonly paymentWindowMinutes: number;
  /** Checkout throttles (core/limits). */
  readonly attempts: AttemptCounter;
  readonly newCode?: () => string;
}

/** Whether the cart is anonymous (a guest checkout holds for less time, one at a time). */
export interface CheckoutRequest {
  readonly buyerKind?: BuyerKind;
}

export interface CheckoutResult {
  readonly checkoutId: string;
  /** The purchase's pay link token (pay-link.ts): the buyer's to open or share. */
  readonly payToken: string;
  readonly orders: OrderView[];
}

/** What is left of a product, in the pack the buyer asked for: "Chè … (Gói 100 g): còn 3". */
function leftOf(product: Product, packId: string | undefined, lang: 'vi' | 'en'): string {
  const pack = product.packs.find((p) => p.id === packId) ?? product.packs[0];
  const title = lang === 'en' ? (product.title.en ?? product.title.vi) : product.title.vi;
  if (!pack) return title;
  const label = lang === 'en' ? (pack.label.en ?? pack.label.vi) : pack.label.vi;
  const left = product.status === 'published' ? packsAvailable(product, pack) : 0;
  if (lang === 'en') return `${title} (${label}): ${left === 0 ? 'sold out' : `only ${left} left`}`;
  return `${title} (${label}): ${left === 0 ? 'đã hết hàng' : `chỉ còn ${left}`}`;
}

/** Not enough stock: says for each product how many of the wanted pack are left, so the buyer can fix the cart. */
const outOfStock = (
  products: readonly Product[],
  packOf: (productId: string) => string | undefined = () => undefined,
) =>
  conflict(
    'out_of_stock',
    {
      vi: `Không đủ hàng. ${products.map((p) => leftOf(p, packOf(p.id), 'vi')).join('; ')}.`,
      en: `Not enough stock. ${products.map((p) => leftOf(p, packOf(p.id), 'en')).join('; ')}.`,
    },
    {
      productIds: products.map((p) => p.id),
      left: products.map((p) => ({ productId: p.id, stock: p.stock })),
    },
  );

/**
 * A cart becomes one order per farmer, each paid to that farmer's own account. Every order of the
 * cart and every stock decrement commit in one transaction: the buyer gets all or nothing.
 */
export async function placeOrders(
  deps: CheckoutDeps,
  actor: Actor,
  input: CheckoutInput,
  request: CheckoutRequest = {},
): Promise<CheckoutResult> {
  const kind = request.buyerKind ?? 'account';
  const rules = HOLD_RULES[kind];
  const now = deps.clock.now();
  // Per buyer only: a market's Wi-Fi or a carrier's shared address carries many honest buyers, and making
  // many buyers already takes many phones (sign-in codes are throttled per network).
  await enforceThrottles(
    deps.attempts,
    [{ throttle: THROTTLES.checkoutPerBuyer, subject: actor.userId }],
    now,
  );
  const productIds = [...new Set(input.items.map((item) => item.productId))];
  const products = new Map<string, Product>();
  for (const id of productIds) {
    const product = await deps.products.getById(id);
    if (product?.status !== 'published')
      throw notFound({ vi: 'sản phẩm', en: 'product' }, 'product_not_found');
    products.set(id, product);
  }

  const linesByFarmer = new Map<string, OrderLine[]>();
  for (const item of input.items) {
    const product = products.get(item.productId) as Product;
    const pack = product.packs.find((p) => p.id === item.packId);
    if (!pack) throw notFound({ vi: 'quy cách đóng gói', en: 'pack size' }, 'pack_not_found');
    const line: OrderLine = {
      productId: product.id,
      productSlug: product.slug,
      packId: pack.id,
      title: product.title,
      packLabel: pack.label,
      packSize: pack.size,
      quantity: item.quantity,
      unitPriceVnd: pack.priceVnd,
      lineTotalVnd: pack.priceVnd * item.quantity,
      ...(product.preorderHarvestDate ? { deliverFrom: product.preorderHarvestDate } : {}),
    };
    linesByFarmer.set(product.farmerId, [...(linesByFarmer.get(product.farmerId) ?? []), line]);
  }

  const wanted = new Map<string, number>();
  for (const item of input.items) {
    const product = products.get(item.productId) as Product;
    const size = product.packs.find((p) => p.id === item.packId)?.size ?? 0;
    wanted.set(product.id, (wanted.get(product.id) ?? 0) + size * item.quantity);
  }
  const packOf = (productId: string) => input.items.find((item) => item.productId === productId)?.packId;
  const short = [...wanted].filter(([id, units]) => (products.get(id)?.stock ?? 0) < units);
  if (short.length > 0)
    throw outOfStock(
      short.map(([id]) => products.get(id) as Product),
      packOf,
    );
  for (const [id, units] of wanted) {
    const product = products.get(id) as Product;
    const most = maxUnitsPerCheckout(product);
    if (units > most) throw shareExceeded(product, most);
  }

  const at = now.toISOString();
  const payBy = new Date(now.getTime() + holdMinutes(kind, deps.paymentWindowMinutes) * 60_000).toISOString();
  const checkoutId = ulid();
  const payToken = newPayToken();
  const newCode = deps.newCode ?? (() => generateOrderCode());

  const drafts: Omit<Order, 'code'>[] = [];
  for (const [farmerId, lines] of linesByFarmer) {
    const payout = await deps.payouts.get(farmerId);
    if (!payout) {
      throw new DomainError('unprocessable', 'seller_cannot_take_payment', {
        vi: 'Người bán chưa có tài khoản nhận tiền; chưa thể đặt hàng sản phẩm này.',
        en: 'This seller has no payout account yet; the product cannot be ordered.',
      });
    }
    const totalVnd = lines.reduce((sum, line) => sum + line.lineTotalVnd, 0);
    if (totalVnd > MAX_TRANSFER_VND) {
      throw new DomainError('unprocessable', 'order_too_large', {
        vi: 'Đơn hàng vượt hạn mức một lần chuyển khoản (500 triệu đồng).',
        en: 'The order exceeds the single-transfer limit (500 million VND).',
      });
    }
    drafts.push({
      id: ulid(),
      checkoutId,
      payToken,
      buyerId: actor.userId,
      farmerId,
      lines,
      totalVnd,
      paidVnd: 0,
      overpaidVnd: 0,
      status: 'pending_payment',
      fulfilment: input.fulfilment,
      contact: input.contact,
      ...(input.note ? { note: input.note } : {}),
      payTo: {
        bankBin: payout.bankBin,
        accountNumber: payout.accountNumber,
        accountName: payout.accountName,
      },
      createdAt: at,
      payBy,
      updatedAt: at,
      history: [{ status: 'pending_payment', at, by: actor.userId }],
    });
  }

  // A code collision (1 in ~10^9 per pair), or a simultaneous checkout of the same buyer taking the same
  // hold slot, only costs a retry: fresh codes, slots read again.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const free = await freeHoldSlot(deps.orders, actor.userId, rules, now);
    if (!free) throw tooManyUnpaid(rules);
    const orders: Order[] = drafts.map((draft) => ({ ...draft, code: newCode() }));
    const hold: HoldClaim = {
      buyerId: actor.userId,
      ...free,
      checkoutId,
      orderIds: orders.map((order) => order.id),
      payBy,
    };
    const result = await deps.orders.create(orders, hold);
    if (result.ok) return { checkoutId, payToken, orders: orders.map(toOrderView) };
    if (!result.codeTaken && !result.holdTaken) {
      // Someone else bought meanwhile: re-read what is left so the message tells the truth.
      const left = await Promise.all(result.shortages.map((s) => deps.products.getById(s.productId)));
      throw outOfStock(
        left.map((p, i) => p ?? (products.get(result.shortages[i]?.productId ?? '') as Product)),
        packOf,
      );
    }
  }
  throw conflict('order_code_exhausted', {
    vi: 'Không tạo được mã đơn hàng, vui lòng thử lại.',
    en: 'Could not allocate an order code, please retry.',
  });
}
