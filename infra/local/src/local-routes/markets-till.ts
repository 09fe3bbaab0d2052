/**
 * The vendor's live till, locally: a Server-Sent Events stream of verified payments credited to the
 * vendor's stalls. It follows the same ledger feed (GSI3 `VENDOR#…#TILL`) that, on AWS, DynamoDB
 * Streams push to the API Gateway WebSocket connections (docs/decisions/0702-markets-live-till.md).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Actor, tillEntriesOf, tillMessage, tillScopes } from '@chophien/core';
import { marketsStore } from '@chophien/db';
import { TOKEN_COOKIE, verifyToken } from '@chophien/http';
import { services } from '../../../../functions/shared/services.ts';
import { type LocalRoute, sendJson } from '../api-server.ts';
import { ensureSecretsFile } from '../bank/secrets-file.ts';
import type { LocalRouteContext } from './index.ts';

export const TILL_PATH = '/local/markets/till';
/** Poll interval of the ledger feed: well inside the one-second promise to the vendor. */
const POLL_MS = 150;
/** Entries written a moment before a concurrent, earlier-stamped one become visible: look back this far. */
const LOOKBACK_MS = 3000;
const HEARTBEAT_MS = 15_000;

function tokenOf(req: IncomingMessage, url: URL): string | undefined {
  const fromQuery = url.searchParams.get('token');
  if (fromQuery) return fromQuery;
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.split('=');
    if (name?.trim() === TOKEN_COOKIE) return value.join('=').trim();
  }
  return undefined;
}

/** Each event's data is `tillMessage` from core: the WebSocket push on AWS sends exactly the same JSON. */
async function till(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const token = tokenOf(req, url);
  let actor: Actor;
  try {
    const verified = token ? await verifyToken(token) : undefined;
    // A vendor watches their stalls; a stall helper the stalls they help at (decision 0820).
    if (!verified || !(verified.roles.includes('vendor') || verified.roles.includes('stall_helper'))) {
      return sendJson(res, verified ? 403 : 401, {
        error: { code: verified ? 'forbidden' : 'unauthenticated' },
      });
    }
    actor = verified;
  } catch {
    return sendJson(res, 401, { error: { code: 'unauthenticated' } });
  }
  const store = marketsStore(services().db);
  // The stalls watched are fixed when the stream opens, as a WebSocket connection's are on AWS.
  const scopes = await tillScopes(store, actor);
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'access-control-allow-origin': '*',
  });
  res.write('retry: 1000\n: till open\n\n');

  const seen = new Set<string>();
  let cursor = new Date(Date.now() - 1000).toISOString();
  const since = url.searchParams.get('since');
  if (since && !Number.isNaN(Date.parse(since))) cursor = new Date(since).toISOString();
  let closed = false;
  let lastWrite = Date.now();
  res.on('close', () => {
    closed = true;
  });
  while (!closed) {
    try {
      const lookback = new Date(Date.parse(cursor) - LOOKBACK_MS).toISOString();
      const entries = await tillEntriesOf(store, scopes, lookback);
      for (const entry of entries) {
        if (seen.has(entry.id)) continue;
        seen.add(entry.id);
        if (entry.creditedAt > cursor) cursor = entry.creditedAt;
        res.write(`id: ${entry.creditedAt}\nevent: payment\ndata: ${JSON.stringify(tillMessage(entry))}\n\n`);
        lastWrite = Date.now();
      }
      if (Date.now() - lastWrite > HEARTBEAT_MS) {
        res.write(': heartbeat\n\n');
        lastWrite = Date.now();
      }
    } catch (error) {
      console.error('[till] feed read failed:', (error as Error).name);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  res.end();
}

export function marketsLocalRoutes(context: LocalRouteContext): LocalRoute[] {
  if (context.dataDir) process.env.MARKETS_SECRETS_FILE = ensureSecretsFile(context.dataDir);
  return [{ method: 'GET', path: TILL_PATH, handle: (req, res) => till(req, res) }];
}
