import type { AstroCookies } from 'astro';
import * as z from 'zod';
import { deleteSiteCookie, setSiteCookie } from '../../lib/cookies.ts';

/** The cart lives in a cookie, so it works without JavaScript and without an account. */
export const CART_COOKIE = 'cp_cart';

const cartSchema = z
  .array(
    z.object({
      productId: z.string().max(40),
      packId: z.string().max(32),
      quantity: z.number().int().min(1).max(999),
    }),
  )
  .max(20);
export type Cart = z.infer<typeof cartSchema>;

export function readCart(cookies: AstroCookies): Cart {
  const raw = cookies.get(CART_COOKIE)?.value;
  if (!raw) return [];
  try {
    const parsed = cartSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

export function writeCart(cookies: AstroCookies, requestUrl: URL, cart: Cart): void {
  if (cart.length === 0) deleteSiteCookie(cookies, requestUrl, CART_COOKIE);
  else setSiteCookie(cookies, requestUrl, CART_COOKIE, JSON.stringify(cart), 7 * 86400);
}

/** Applies one cart form post: add (adds to a line), set (replaces the quantity, 0 removes), remove. */
export function applyCartForm(cart: Cart, form: FormData): Cart {
  const productId = String(form.get('productId') ?? '');
  const packId = String(form.get('packId') ?? '');
  const quantity = Math.floor(Number(form.get('quantity') ?? 0));
  const action = String(form.get('action') ?? 'add');
  if (!productId || !packId || (action !== 'remove' && !Number.isFinite(quantity))) return cart;
  const rest = cart.filter((line) => !(line.productId === productId && line.packId === packId));
  const existing = cart.find((line) => line.productId === productId && line.packId === packId);
  if (action === 'remove') return rest;
  const next = action === 'add' ? (existing?.quantity ?? 0) + quantity : quantity;
  if (next <= 0) return rest;
  return [...rest, { productId, packId, quantity: Math.min(next, 999) }].slice(0, 20);
}
