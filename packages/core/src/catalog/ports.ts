import type { CategorySlug } from './categories.ts';
import type { Product } from './product.ts';

export interface ProductListQuery {
  readonly limit: number;
  readonly category?: CategorySlug;
}

/** What the catalog needs from storage; packages/db implements it on DynamoDB. */
export interface ProductRepository {
  listPublished(query: ProductListQuery): Promise<Product[]>;
  getBySlug(slug: string): Promise<Product | undefined>;
  getById(id: string): Promise<Product | undefined>;
  put(product: Product): Promise<void>;
}
