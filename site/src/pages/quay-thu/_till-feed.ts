/**
 * Where the till page's script listens: locally the API's SSE feed; on AWS (TILL_WS_URL set) the
 * WebSocket API, opened with a one-time ticket minted here, server-side, by `POST /vendor/till-tickets`
 * with the vendor's token — so no ID token ever appears in a WebSocket URL (docs/decisions/0702).
 */
export type TillFeed = { readonly kind: 'sse' | 'ws'; readonly url: string; readonly origin: string };

export async function tillFeedFor(token: string, since: Date): Promise<TillFeed | undefined> {
  const apiUrl = process.env.API_URL ?? '';
  const tillWsUrl = process.env.TILL_WS_URL;
  if (!tillWsUrl) {
    const url = `${apiUrl}/local/markets/till?token=${encodeURIComponent(token)}&since=${encodeURIComponent(since.toISOString())}`;
    return { kind: 'sse', url, origin: apiUrl ? new URL(apiUrl).origin : "'self'" };
  }
  const response = await fetch(`${apiUrl}/vendor/till-tickets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  }).catch(() => undefined);
  if (!response?.ok) return undefined;
  const { ticket } = (await response.json()) as { ticket?: string };
  if (!ticket) return undefined;
  return {
    kind: 'ws',
    url: `${tillWsUrl}?ticket=${encodeURIComponent(ticket)}`,
    origin: new URL(tillWsUrl).origin,
  };
}
