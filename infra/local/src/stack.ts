import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { createDb, migrateTable, rekeyLegacyPayments, userRepository } from '@chophien/db';
import { routes } from '@chophien/functions';
import { schedules } from '@chophien/functions/schedules';
import { createApiServer, type LocalRoute, sendJson } from './api-server.ts';
import { type LocalConfig, repoRoot } from './config.ts';
import { createDevIdentity, devOtpRoutes, mintForRequest } from './dev-identity.ts';
import {
  assertJava,
  DYNAMODB_PID_FILE,
  type DynamoDbLocal,
  startDynamoDbLocal,
  stopOrphanDynamoDb,
} from './dynamodb-local.ts';
import { areaLocalRoutes } from './local-routes/index.ts';
import { localPhotosDir } from './photos/routes.ts';
import { assertPortFree } from './ports.ts';
import { runStartupSchedules, startSchedules } from './schedules.ts';
import { seed } from './seed/index.ts';
import { ensureSiteBuilt, startSiteServer } from './site.ts';

export interface LocalStack {
  readonly apiUrl: string;
  readonly siteUrl: string | undefined;
  readonly dynamoDbEndpoint: string;
  /** Stops the servers and DynamoDB Local; resolves when every child process has exited. */
  stop(): Promise<void>;
}

export interface StartOptions {
  readonly log?: (line: string) => void;
  /** Keep DynamoDB in memory instead of `<dataDir>/dynamodb` (tests). */
  readonly inMemory?: boolean;
  /** Skip the storefront (API-only tests). */
  readonly withSite?: boolean;
  /** Use an already running DynamoDB (tests share one per run) instead of starting one. */
  readonly dynamoDbEndpoint?: string;
  /** Demo data (default). `false` = an empty platform, as a province starts: `npm start -- --no-seed`. */
  readonly seed?: boolean;
}

const listen = (server: Server, port: number, host: string) =>
  new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });

/**
 * The whole platform on one machine: DynamoDB Local, the table from the shared definition, demo data,
 * the development identity provider, every route of the route table, and the storefront.
 */
export async function startLocalStack(config: LocalConfig, options: StartOptions = {}): Promise<LocalStack> {
  const log = options.log ?? (() => undefined);
  const withSite = options.withSite ?? true;
  if (!options.dynamoDbEndpoint) assertJava();
  // A DynamoDB Local an earlier start left behind holds the port and the data files: stopped first.
  const dynamoDataDir = join(config.dataDir, 'dynamodb');
  const pidFile = join(dynamoDataDir, DYNAMODB_PID_FILE);
  if (!options.dynamoDbEndpoint && !options.inMemory) {
    const orphan = await stopOrphanDynamoDb(pidFile);
    if (orphan)
      log(
        `Đã dừng DynamoDB Local còn sót từ lần chạy trước (pid ${orphan}) / stopped a leftover DynamoDB Local`,
      );
  }
  await assertPortFree(config.apiPort, config.host, 'API_PORT');
  if (withSite) await assertPortFree(config.sitePort, config.host, 'SITE_PORT');
  if (!options.dynamoDbEndpoint) await assertPortFree(config.dynamoDbPort, '127.0.0.1', 'DYNAMODB_PORT');

  const apiUrl = `http://${config.host}:${config.apiPort}`;
  const siteUrl = withSite ? `http://${config.host}:${config.sitePort}` : undefined;
  const servers: Server[] = [];
  let dynamo: DynamoDbLocal | undefined;
  let stopSchedules = () => {};
  const stop = async () => {
    stopSchedules();
    await Promise.all(
      servers.map(
        (server) =>
          new Promise<void>((resolve) => {
            server.closeAllConnections();
            server.close(() => resolve());
          }),
      ),
    );
    await dynamo?.stop();
  };

  try {
    if (!options.dynamoDbEndpoint) {
      dynamo = await startDynamoDbLocal({
        port: config.dynamoDbPort,
        ...(options.inMemory ? {} : { dataDir: dynamoDataDir, pidFile }),
      });
      log(`DynamoDB Local: ${dynamo.endpoint}`);
    }
    const dynamoDbEndpoint = options.dynamoDbEndpoint ?? dynamo!.endpoint;

    const identity = await createDevIdentity({ dataDir: config.dataDir, apiUrl });
    // Handlers read these once at cold start, exactly as a Lambda reads its environment.
    Object.assign(process.env, {
      CHOPHIEN_MODE: 'local',
      DYNAMODB_ENDPOINT: dynamoDbEndpoint,
      TABLE_NAME: config.tableName,
      AUTH_ISSUER: identity.issuer,
      AUTH_JWKS_URL: identity.jwksUrl,
      AUTH_AUDIENCE: identity.audience,
      SITE_URL: siteUrl ?? apiUrl,
      API_URL: apiUrl,
      // Photos (route capability `photos`): a folder in the data dir, uploads signed like presigned URLs.
      PHOTOS_DIR: localPhotosDir(config.dataDir),
      PHOTOS_PUBLIC_URL: apiUrl,
      PHOTOS_UPLOAD_SECRET: randomBytes(32).toString('base64url'),
      // Route capability `sms` (contract C5): locally an SMS is a line in this file (functions/shared/sms.ts).
      CHOPHIEN_OUTBOX_FILE: join(config.dataDir, 'outbox.jsonl'),
    });

    const db = createDb();
    const migration = await migrateTable(db.raw, db.tableName);
    if (migration.created) log(`Đã tạo bảng ${db.tableName} / created table`);
    if (options.seed === false) {
      log('Không nạp dữ liệu mẫu / no demo data (--no-seed)');
    } else {
      const seeded = await seed(db);
      for (const set of seeded.applied) log(`Dữ liệu mẫu ${set.name}: ${set.items} mục / seeded`);
    }
    // Payments keyed per receiving account (decision 0704): re-key what an older data dir holds.
    const rekey = await rekeyLegacyPayments(db);
    if (rekey.rekeyed + rekey.unresolved.length > 0)
      log(
        `Thanh toán chuyển khoá / payments re-keyed: ${rekey.rekeyed}, chưa rõ / unresolved: ${rekey.unresolved.length}`,
      );

    const localRoutes: LocalRoute[] = [
      {
        method: 'GET',
        path: new URL(identity.jwksUrl).pathname,
        handle: (_req, res) => sendJson(res, 200, identity.jwks()),
      },
      {
        method: 'POST',
        path: '/dev/token',
        handle: async (_req, res, body) => {
          let parsed: unknown;
          try {
            parsed = JSON.parse(body.toString('utf8') || '{}');
          } catch {
            return sendJson(res, 400, { error: { code: 'malformed_json', message: 'JSON không hợp lệ.' } });
          }
          const { status, payload } = await mintForRequest(identity, userRepository(db), parsed);
          sendJson(res, status, payload);
        },
      },
      ...devOtpRoutes({ identity, users: userRepository(db), dataDir: config.dataDir }),
    ];
    for (const factory of areaLocalRoutes) localRoutes.push(...factory({ apiUrl, dataDir: config.dataDir }));
    const api = createApiServer({
      routes,
      functionsDir: join(repoRoot, 'functions'),
      localRoutes,
      onError: (error) => console.error('[api] handler crashed:', error),
    });
    await listen(api, config.apiPort, config.host);
    servers.push(api);

    const reportScheduleError = (id: string, error: unknown) =>
      console.error(`[schedule ${id}] failed:`, error);
    await runStartupSchedules(schedules, join(repoRoot, 'functions'), reportScheduleError);
    stopSchedules = startSchedules(schedules, join(repoRoot, 'functions'), reportScheduleError);

    if (withSite) {
      ensureSiteBuilt(log);
      servers.push(await startSiteServer({ host: config.host, port: config.sitePort }));
    }
  } catch (error) {
    await stop();
    throw error;
  }

  return { apiUrl, siteUrl, dynamoDbEndpoint: options.dynamoDbEndpoint ?? dynamo!.endpoint, stop };
}
