/**
 * Where the storefront lives, as the other stacks may know it (docs/decisions/0303-aws-runtime-configuration.md).
 * The API stack cannot reference the site stack (the site needs the API's URL), so either:
 * - a custom domain is configured (CHOPHIEN_SITE_DOMAIN + CHOPHIEN_SITE_CERTIFICATE_ARN, an ACM certificate
 *   in us-east-1): every function gets SITE_URL as plain env, the distribution serves the domain; or
 * - the site stack publishes `https://<distribution domain>` in an SSM parameter whose *name* is fixed by
 *   the stage, and functions read it at cold start (SITE_URL_PARAMETER, functions/shared/secrets.ts).
 */
export type SiteAddress =
  | {
      readonly kind: 'domain';
      readonly domainName: string;
      readonly certificateArn: string;
      readonly url: string;
    }
  | { readonly kind: 'published'; readonly parameterName: string };

const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export function siteAddressFor(
  stage: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): SiteAddress {
  const domainName = env['CHOPHIEN_SITE_DOMAIN']?.trim().toLowerCase();
  const certificateArn = env['CHOPHIEN_SITE_CERTIFICATE_ARN']?.trim();
  if (!domainName) return { kind: 'published', parameterName: `/chophien/${stage}/site-url` };
  if (!DOMAIN.test(domainName)) throw new Error(`CHOPHIEN_SITE_DOMAIN is not a domain name: ${domainName}`);
  // CloudFront serves an alternate domain only with a certificate from us-east-1.
  if (!certificateArn?.startsWith('arn:aws:acm:us-east-1:')) {
    throw new Error(
      'CHOPHIEN_SITE_DOMAIN needs CHOPHIEN_SITE_CERTIFICATE_ARN (an ACM certificate in us-east-1)',
    );
  }
  return { kind: 'domain', domainName, certificateArn, url: `https://${domainName}` };
}

/** Browser origins allowed to upload photos straight to the bucket (presigned POST/PUT). */
export const photoUploadOrigins = (address: SiteAddress): string[] =>
  address.kind === 'domain' ? [address.url] : ['https://*.cloudfront.net'];

/** Secrets Manager name prefix of the bank channels' webhook secrets, one namespace per stage. */
export const channelSecretPrefix = (stage: string): string => `chophien/bank-channels/${stage}/`;
