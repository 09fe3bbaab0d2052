export * from './categories.ts';
export * from './get-product.ts';
export * from './gtin-ownership.ts';
export * from './list-home-products.ts';
export * from './ports.ts';
export * from './product.ts';
export * from './public-product.ts';
export * from './units.ts';
