/**
 * The viewer's network address, the subject of per-client throttles and of clone-warning evidence.
 * On AWS only CloudFront reaches the server (site/src/middleware.ts refuses requests without the origin
 * secret), and CloudFront sets `CloudFront-Viewer-Address` ("ip:port") itself, overwriting any header
 * of that name a viewer sends; the socket peer there is CloudFront. Locally the socket peer is the
 * viewer, and no header is trusted (anyone could send one).
 */
export function clientAddress(request: Request, socketAddress: () => string): string | undefined {
  if (process.env.CHOPHIEN_MODE === 'aws') {
    const viewer = request.headers.get('cloudfront-viewer-address');
    return viewer ? viewer.replace(/:\d+$/, '') : undefined;
  }
  try {
    return socketAddress();
  } catch {
    // The adapter knows no address (e.g. a prerendered page): no per-client throttle rather than a crash.
    return undefined;
  }
}

/**
 * Where CloudFront located the viewer's address (`VN-HN`), for clone evidence (decision 0905). Only on AWS,
 * where CloudFront sets these headers itself; locally nothing observes a place, so there is none.
 */
export function observedRegion(request: Request): string | undefined {
  if (process.env.CHOPHIEN_MODE !== 'aws') return undefined;
  const country = request.headers.get('cloudfront-viewer-country');
  const region = request.headers.get('cloudfront-viewer-country-region');
  return country && region ? `${country}-${region}`.toUpperCase() : undefined;
}
