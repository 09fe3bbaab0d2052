/**
 * The public origin for canonical and Open Graph URLs. SITE_URL is read at request time (the
 * local runtime and the Lambda environment set it after the build), then the build-time `site`,
 * then the request's own origin.
 */
export function siteOrigin(buildSite: URL | undefined, requestUrl: URL): URL {
  const fromEnv = process.env.SITE_URL;
  if (fromEnv && URL.canParse(fromEnv)) return new URL(fromEnv);
  return buildSite ?? new URL(requestUrl.origin);
}
