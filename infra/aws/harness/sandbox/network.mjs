/**
 * The sandbox's network (loaded with `--import` before the bundle): calls to AWS endpoints
 * (`*.amazonaws.com`, `*.on.aws`, `*.cloudfront.net`) and to the Parameters and Secrets extension
 * (localhost:2773) go to the harness's AWS stand-in instead, which checks them against this
 * function's role; every other non-loopback address is refused, as the harness has no internet.
 * Plain JavaScript: it runs in the Lambda Node version before any TypeScript tooling could.
 * argv: runner.mjs <bundle dir> <handler> <stand-in URL> <function name>
 */
import http from 'node:http';
import https from 'node:https';
import { syncBuiltinESMExports } from 'node:module';

const [, , , , standIn, functionName] = process.argv;
if (!standIn || !functionName) throw new Error('network.mjs: runner arguments missing');
const target = new URL(standIn);
const extensionPort = process.env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT ?? '2773';

const isAws = (host) => /\.(amazonaws\.com|on\.aws|cloudfront\.net)$/i.test(host);
const isExtension = (host, port) =>
  /^(localhost|127\.0\.0\.1)$/i.test(host) && String(port) === extensionPort;
const isLoopback = (host) => /^(localhost|127\.\d+\.\d+\.\d+|\[?::1\]?)$/i.test(host);

function refuse(host) {
  return new Error(`harness sandbox: no route to ${host} (only AWS endpoints are reachable)`);
}

/** Options of http(s).request(url?, options?, callback?) as one object plus the callback. */
function normalise(args, defaultProtocol) {
  let [first, second, third] = args;
  let options = {};
  if (typeof first === 'string' || first instanceof URL) {
    const url = new URL(first);
    options = {
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port,
      path: `${url.pathname}${url.search}`,
    };
    if (typeof second === 'function') {
      third = second;
      second = undefined;
    }
    options = { ...options, ...(second ?? {}) };
  } else {
    options = { ...(first ?? {}) };
    third = second;
  }
  options.protocol ??= defaultProtocol;
  const host = (options.hostname ?? options.host ?? 'localhost').replace(/:\d+$/, '');
  return { options, host, callback: third };
}

function redirect(options, host, scheme) {
  const headers = { ...(options.headers ?? {}) };
  headers['x-harness-host'] = options.port ? `${host}:${options.port}` : host;
  headers['x-harness-scheme'] = scheme;
  headers['x-harness-function'] = functionName;
  const { agent: _agent, createConnection: _create, ...rest } = options;
  return {
    ...rest,
    protocol: 'http:',
    hostname: target.hostname,
    host: target.hostname,
    port: target.port,
    headers,
    agent: false,
  };
}

const originalHttpRequest = http.request;
const originalHttpsRequest = https.request;

function patched(original, scheme) {
  return (...args) => {
    const { options, host, callback } = normalise(args, `${scheme}:`);
    if (isAws(host) || isExtension(host, options.port)) {
      return originalHttpRequest(redirect(options, host, scheme), callback);
    }
    if (!isLoopback(host)) throw refuse(host);
    return original(...args);
  };
}

http.request = patched(originalHttpRequest, 'http');
https.request = patched(originalHttpsRequest, 'https');
http.get = (...args) => {
  const request = http.request(...args);
  request.end();
  return request;
};
https.get = (...args) => {
  const request = https.request(...args);
  request.end();
  return request;
};
syncBuiltinESMExports();

const originalFetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const request = new Request(input, init);
  const url = new URL(request.url);
  if (isAws(url.hostname) || isExtension(url.hostname, url.port)) {
    const headers = new Headers(request.headers);
    headers.set('x-harness-host', url.host);
    headers.set('x-harness-scheme', url.protocol.replace(':', ''));
    headers.set('x-harness-function', functionName);
    const body = ['GET', 'HEAD'].includes(request.method) ? undefined : await request.arrayBuffer();
    return originalFetch(new URL(`${url.pathname}${url.search}`, target), {
      method: request.method,
      headers,
      body,
      redirect: request.redirect,
    });
  }
  if (!isLoopback(url.hostname)) throw refuse(url.hostname);
  return originalFetch(request);
};
