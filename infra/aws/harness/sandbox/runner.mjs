/**
 * One Lambda sandbox: loads the bundle the way the Node.js runtime does (`<file>.<export>` from the
 * task root: .mjs, then .js, then .cjs), once, then answers invocations sent over IPC one at a time.
 * argv: runner.mjs <bundle dir> <handler> <stand-in URL> <function name>
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [, , taskRoot, handlerSpec] = process.argv;
const dot = handlerSpec.lastIndexOf('.');
const file = handlerSpec.slice(0, dot);
const exportName = handlerSpec.slice(dot + 1);

const send = (message) => new Promise((resolve) => process.send(message, () => resolve()));

const errorOf = (error) => ({
  errorType: error?.name ?? typeof error,
  errorMessage: error?.message ?? String(error),
  stack: typeof error?.stack === 'string' ? error.stack.split('\n') : [],
});

async function load() {
  const candidates = ['.mjs', '.js', '.cjs'].map((extension) => join(taskRoot, `${file}${extension}`));
  const path = candidates.find((candidate) => existsSync(candidate));
  if (!path)
    throw Object.assign(new Error(`Cannot find module '${file}'`), { name: 'Runtime.ImportModuleError' });
  const module = await import(pathToFileURL(path).href);
  const handler = module[exportName];
  if (typeof handler !== 'function') {
    throw Object.assign(new Error(`${handlerSpec} is undefined or not exported`), {
      name: 'Runtime.HandlerNotFound',
    });
  }
  return handler;
}

const started = performance.now();
let handler;
try {
  handler = await load();
  await send({ type: 'ready', initMs: performance.now() - started });
} catch (error) {
  await send({ type: 'init-error', error: errorOf(error) });
  process.exit(1);
}

process.on('message', async (message) => {
  if (message?.type !== 'invoke') return;
  const deadline = Date.now() + message.context.timeoutMs;
  const context = {
    ...message.context,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
  try {
    const result = await handler(message.event, context);
    await send({ type: 'result', id: message.id, result: result === undefined ? null : result });
  } catch (error) {
    await send({ type: 'error', id: message.id, error: errorOf(error) });
  }
});
