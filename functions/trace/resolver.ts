import { codeLinkset, parseCodePath, type TraceCode, tracePagePath } from '@chophien/core';
import { type HttpEvent, header, reply } from '@chophien/http';
import * as z from 'zod';
import { traceServices } from './services.ts';

export const resolverQuery = z.object({
  linkType: z.string().max(200).optional(),
  t: z.string().max(64).optional(),
});

const LINKSET = 'application/linkset+json';

/** Machines ask for the linkset by media type or `?linkType=linkset|all`; everyone else gets the page. */
const wantsLinkset = (event: HttpEvent, linkType: string | undefined) =>
  linkType === 'linkset' ||
  linkType === 'all' ||
  (header(event, 'accept') ?? '').toLowerCase().includes(LINKSET);

/**
 * One resolver for every code shape. `path` is rebuilt from the route's parameters so the same checks
 * (GS1 syntax, check digit, CSET 82) run whichever route matched.
 */
export async function resolve(event: HttpEvent, path: string, query: z.infer<typeof resolverQuery>) {
  const deps = traceServices();
  const code: TraceCode | undefined = parseCodePath(path);
  const site = new URL(deps.config.siteUrl).origin;
  if (wantsLinkset(event, query.linkType)) {
    const linkset = code ? await codeLinkset(deps, code) : undefined;
    if (!linkset) {
      return reply.json(
        {
          error: {
            code: code ? 'not_registered' : 'invalid_code',
            message: code
              ? 'Mã này chưa được đăng ký trên hệ thống.'
              : 'Mã không đúng cú pháp GS1 Digital Link.',
            messages: code
              ? { vi: 'Mã này chưa được đăng ký trên hệ thống.', en: 'This code is not registered.' }
              : { vi: 'Mã không đúng cú pháp GS1 Digital Link.', en: 'Not a valid GS1 Digital Link.' },
          },
        },
        code ? 404 : 400,
      );
    }
    return reply.text(JSON.stringify(linkset), LINKSET, 200, { 'cache-control': 'public, max-age=300' });
  }
  // Unknown or malformed codes go to the page too: it shows the Vietnamese "not registered" warning.
  const target = code ? tracePagePath(code, query.t) : `/truy-xuat/khong-hop-le`;
  const response = reply.redirect(`${site}${target}`, 307);
  response.headers.link = `<${path}?linkType=linkset>; rel="linkset"; type="${LINKSET}"`;
  response.headers['cache-control'] = 'no-store';
  return response;
}

export const enc = encodeURIComponent;
