import type { ProductRepository } from './ports.ts';
import type { Product } from './product.ts';

/** The storefront's home page: the newest published products. */
export async function listHomeProducts(
  deps: { products: ProductRepository },
  limit = 24,
): Promise<Product[]> {
  return deps.products.listPublished({ limit });
}
