import { notFound } from '../errors/domain-error.ts';
import type { ProductRepository } from './ports.ts';
import { type PublicProduct, toPublicProduct } from './public-product.ts';

/** What anyone may read about a product: published or sold-out listings, never drafts or archived ones. */
export async function getPublicProduct(
  deps: { products: ProductRepository },
  id: string,
): Promise<PublicProduct> {
  const product = await deps.products.getById(id);
  if (!product || (product.status !== 'published' && product.status !== 'sold_out')) {
    throw notFound({ vi: 'sản phẩm', en: 'product' }, 'product_not_found');
  }
  return toPublicProduct(product);
}
