import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, type Db } from '@chophien/db';
import { inject } from 'vitest';
import { readLocalConfig } from '../../infra/local/src/config.ts';
import { freePort } from '../../infra/local/src/ports.ts';
import { type LocalStack, startLocalStack } from '../../infra/local/src/stack.ts';

/** Parsed JSON response; tests read into it freely, as they would with any HTTP client. */
// biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field in tests.
export type JsonBody = any;

export interface TestApi {
  readonly url: string;
  readonly db: Db;
  /** A real token from the development identity provider for a seeded user (by phone or id). */
  tokenFor(user: { phone: string } | { userId: string }): Promise<string>;
  request(
    method: string,
    path: string,
    options?: { body?: unknown; rawBody?: string; token?: string; headers?: Record<string, string> },
  ): Promise<{ status: number; headers: Headers; json: JsonBody; text: string }>;
  stop(): Promise<void>;
}

/**
 * The real local API (route table, handlers, dev identity) over real HTTP, against the suite's
 * DynamoDB Local, in a table of its own (seeded), so each test file starts from the same demo data.
 */
export async function startTestApi(): Promise<TestApi> {
  const dataDir = mkdtempSync(join(tmpdir(), 'chophien-api-'));
  const tableName = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const config = { ...readLocalConfig({}), apiPort: await freePort(), dataDir, tableName };
  const stack: LocalStack = await startLocalStack(config, {
    withSite: false,
    dynamoDbEndpoint: inject('dynamoDbEndpoint'),
  });
  const db = createDb();
  const tokens = new Map<string, string>();

  const request: TestApi['request'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${stack.apiUrl}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, json, text };
  };

  return {
    url: stack.apiUrl,
    db,
    async tokenFor(user) {
      const cacheKey = JSON.stringify(user);
      const cached = tokens.get(cacheKey);
      if (cached) return cached;
      const response = await request('POST', '/dev/token', { body: user });
      if (response.status !== 200) throw new Error(`No token for ${cacheKey}: ${response.text}`);
      tokens.set(cacheKey, response.json.token);
      return response.json.token as string;
    },
    request,
    async stop() {
      await stack.stop();
      db.raw.destroy();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
