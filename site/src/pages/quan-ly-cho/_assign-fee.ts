/**
 * The console's no-JavaScript "assign as stall fee" form. The write goes through the HTTP API
 * (`POST /review-queue/{id}/assign-fee`, with the manager's own token) like every mutation: the
 * storefront's role only reads the table. Always answers with a redirect target (post/redirect/get).
 */
import { TOKEN_COOKIE } from '@chophien/http';
import type { AstroCookies } from 'astro';

export const ASSIGN_FEE_ACTION = 'gan-phi';
/** Query parameter the redirect carries: `ok` or the API's error code. */
export const ASSIGN_FEE_RESULT = 'ket-qua-phi';

export async function assignFeeFromForm(request: Request, cookies: AstroCookies, page: URL): Promise<string> {
  const back = new URL(page);
  back.searchParams.delete('thao-tac');
  const result = await submit(request, cookies);
  back.searchParams.set(ASSIGN_FEE_RESULT, result);
  return `${back.pathname}${back.search}#phi-cho-xu-ly`;
}

async function submit(request: Request, cookies: AstroCookies): Promise<string> {
  const token = cookies.get(TOKEN_COOKIE)?.value;
  const apiUrl = process.env.API_URL;
  if (!token) return 'unauthenticated';
  if (!apiUrl) throw new Error('API_URL is not set');
  const form = await request.formData();
  const reviewId = String(form.get('reviewId') ?? '');
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(reviewId)) return 'validation_failed';
  const response = await fetch(`${apiUrl}/review-queue/${reviewId}/assign-fee`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      stallId: String(form.get('stallId') ?? ''),
      month: String(form.get('month') ?? ''),
    }),
  });
  if (response.ok) return 'ok';
  const problem = (await response.json().catch(() => undefined)) as { error?: { code?: string } } | undefined;
  return problem?.error?.code ?? 'failed';
}
