import { type OrderLine, type Product, packsAvailable } from '@chophien/core';
import type { Cart } from './cart.ts';
import type { marketplaceDeps } from './services.ts';

export interface CartLine
  extends Pick<
    OrderLine,
    'productId' | 'packId' | 'quantity' | 'title' | 'packLabel' | 'unitPriceVnd' | 'lineTotalVnd'
  > {
  readonly slug: string;
  readonly farmerId: string;
  /** Packs of this size the stock can still give: the cart says so before checkout does. */
  readonly left: number;
}

/** The cart's lines priced from the current catalog; lines whose product or pack vanished are dropped. */
export async function priceCart(deps: ReturnType<typeof marketplaceDeps>, cart: Cart): Promise<CartLine[]> {
  const products = new Map<string, Product | undefined>();
  for (const line of cart)
    if (!products.has(line.productId))
      products.set(line.productId, await deps.products.getById(line.productId));
  const lines: CartLine[] = [];
  for (const line of cart) {
    const product = products.get(line.productId);
    const pack =
      product?.status === 'published' ? product.packs.find((p) => p.id === line.packId) : undefined;
    if (!product || !pack) continue;
    lines.push({
      productId: product.id,
      packId: pack.id,
      quantity: line.quantity,
      title: product.title,
      packLabel: pack.label,
      unitPriceVnd: pack.priceVnd,
      lineTotalVnd: pack.priceVnd * line.quantity,
      slug: product.slug,
      farmerId: product.farmerId,
      left: packsAvailable(product, pack),
    });
  }
  return lines;
}
