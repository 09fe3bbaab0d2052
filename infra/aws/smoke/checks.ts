/**
 * The smoke check of a deployed stack (`npm run smoke -- --url https://…`): read-only requests and
 * deliberately invalid ones, so it proves the storefront, the API paths on the brand domain, the JWT
 * authorizer and the bank webhook's refusal without creating an order or moving a đồng.
 * `--url` is the storefront (the brand domain); `--api` (optional) the HTTP API's own URL, for the
 * checks of routes that are not on the brand domain (health, authorizer, webhooks).
 */
export interface SmokeTarget {
  readonly url: string;
  readonly api?: string;
  readonly fetch?: typeof fetch;
}

export interface SmokeResult {
  readonly name: string;
  readonly ok: boolean;
  readonly detail?: string;
}

type Check = {
  name: string;
  base: 'site' | 'apiPaths' | 'api';
  run(base: string, get: typeof fetch): Promise<string | undefined>;
};

const expectStatus = (response: Response, ...statuses: number[]) =>
  statuses.includes(response.status)
    ? undefined
    : `answered ${response.status}, expected ${statuses.join(' or ')}`;

const checks: Check[] = [
  {
    name: 'the storefront home page is Vietnamese HTML with a content security policy',
    base: 'site',
    async run(base, get) {
      const response = await get(`${base}/`, { headers: { accept: 'text/html' } });
      const html = await response.text();
      if (response.status !== 200) return `answered ${response.status}`;
      if (!/<html lang="vi"/.test(html)) return 'no <html lang="vi">';
      if (!response.headers.get('content-security-policy')) return 'no content-security-policy header';
      return undefined;
    },
  },
  {
    name: 'static files are served (robots.txt)',
    base: 'site',
    run: async (base, get) => expectStatus(await get(`${base}/robots.txt`), 200),
  },
  {
    name: 'an unknown page answers 404',
    base: 'site',
    run: async (base, get) => expectStatus(await get(`${base}/smoke-khong-co-trang-nay`), 404),
  },
  {
    name: 'a form posted from another site is refused',
    base: 'site',
    async run(base, get) {
      const response = await get(`${base}/dang-xuat`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://smoke.invalid' },
        body: 'next=%2F',
        redirect: 'manual',
      });
      return expectStatus(response, 403);
    },
  },
  {
    name: 'open data is served from the table (JSON rows)',
    base: 'apiPaths',
    async run(base, get) {
      const response = await get(`${base}/open-data/markets.json`);
      if (response.status !== 200) return `answered ${response.status}`;
      const body = (await response.json()) as { rows?: unknown };
      return Array.isArray(body.rows) ? undefined : 'no rows array';
    },
  },
  {
    name: 'the trace resolver answers a scan on the brand domain (to the trace page or 404)',
    base: 'apiPaths',
    async run(base, get) {
      const response = await get(`${base}/l/SMOKE-KHONG-CO`, {
        redirect: 'manual',
        headers: { accept: 'text/html' },
      });
      if (response.status === 404) return undefined;
      const location = response.headers.get('location');
      if (![302, 303, 307].includes(response.status) || !location) return `answered ${response.status}`;
      return /\/truy-xuat\//.test(location) ? undefined : `redirected to ${location}`;
    },
  },
  {
    name: 'the API is healthy and reads its table',
    base: 'api',
    async run(base, get) {
      const response = await get(`${base}/health`);
      if (response.status !== 200) return `answered ${response.status}`;
      const body = (await response.json()) as { status?: string; table?: string };
      return body.status === 'ok' && body.table === 'ok' ? undefined : JSON.stringify(body);
    },
  },
  {
    name: 'a signed-in route refuses a request without a token (401)',
    base: 'api',
    run: async (base, get) => expectStatus(await get(`${base}/me`), 401),
  },
  {
    name: 'the bank webhook refuses an unsigned notification (no money moves)',
    base: 'api',
    async run(base, get) {
      const response = await get(`${base}/webhooks/bank/sepay/smoke-no-such-channel`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Apikey smoke-invalid' },
        body: JSON.stringify({ id: 0, transferAmount: 1, content: 'smoke', transferType: 'in' }),
      });
      return response.status >= 400 && response.status < 500 ? undefined : `answered ${response.status}`;
    },
  },
];

export async function runSmoke(target: SmokeTarget): Promise<SmokeResult[]> {
  const get = target.fetch ?? fetch;
  const trim = (url: string) => url.replace(/\/+$/, '');
  const bases = {
    site: trim(target.url),
    apiPaths: trim(target.api ?? target.url),
    api: target.api && trim(target.api),
  };
  const results: SmokeResult[] = [];
  for (const check of checks) {
    const base = bases[check.base];
    if (!base) continue;
    try {
      const problem = await check.run(base, get);
      results.push({ name: check.name, ok: problem === undefined, ...(problem ? { detail: problem } : {}) });
    } catch (error) {
      results.push({ name: check.name, ok: false, detail: (error as Error).message });
    }
  }
  return results;
}
