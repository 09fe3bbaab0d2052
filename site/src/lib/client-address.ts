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
