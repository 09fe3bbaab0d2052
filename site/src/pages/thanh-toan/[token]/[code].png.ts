import { isDomainError, purchaseByPayLink } from '@chophien/core';
import { toPng } from '@chophien/vietqr/render';
import type { APIRoute } from 'astro';
import { marketplaceDeps } from '../../../features/marketplace/services.ts';

/**
 * "Lưu ảnh mã QR": the order's VietQR as a PNG file the buyer saves to the gallery and opens from their
 * bank app's "scan from image". Served only under the purchase's pay link, only while money is owed.
 */
export const GET: APIRoute = async ({ params }) => {
  const notFound = () =>
    new Response('Không tìm thấy mã QR.', {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  try {
    const purchase = await purchaseByPayLink(marketplaceDeps(), params.token ?? '');
    const order = purchase.orders.find((o) => o.code === params.code);
    if (!order?.vietqr) return notFound();
    const png = await toPng(order.vietqr, { scale: 10 });
    return new Response(new Uint8Array(png), {
      headers: {
        'content-type': 'image/png',
        'content-disposition': `attachment; filename="VietQR-${order.code}.png"`,
        'cache-control': 'no-store',
        'referrer-policy': 'no-referrer',
      },
    });
  } catch (error) {
    if (isDomainError(error)) return notFound();
    throw error;
  }
};
