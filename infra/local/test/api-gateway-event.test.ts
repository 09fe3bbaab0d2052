import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { toHttpApiEvent, writeHttpApiResult } from '../src/api-gateway-event.ts';

function request(method: string, url: string, headers: Record<string, string | string[]>): IncomingMessage {
  const req = new IncomingMessage(new Socket());
  req.method = method;
  req.url = url;
  req.headers = headers as IncomingMessage['headers'];
  req.httpVersion = '1.1';
  return req;
}

describe('HTTP → API Gateway HTTP API v2 event (offline)', () => {
  it('carries route key, path and query parameters, lower-case headers and split cookies', () => {
    const event = toHttpApiEvent(
      request('GET', '/products/abc?limit=5&tag=a&tag=b', {
        'user-agent': 'test',
        cookie: 'cp_token=xyz; lang=en',
        'x-custom': 'v',
      }),
      Buffer.alloc(0),
      { routeKey: 'GET /products/{id}', pathParameters: { id: 'abc' } },
    );
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /products/{id}',
      rawPath: '/products/abc',
      rawQueryString: 'limit=5&tag=a&tag=b',
      cookies: ['cp_token=xyz', 'lang=en'],
      queryStringParameters: { limit: '5', tag: 'a,b' },
      pathParameters: { id: 'abc' },
      isBase64Encoded: false,
    });
    expect(event.headers['x-custom']).toBe('v');
    expect(event.headers.cookie).toBeUndefined();
    expect(event.requestContext.http.method).toBe('GET');
    expect(event.body).toBeUndefined();
  });

  it('passes JSON bodies as text and binary bodies base64-encoded', () => {
    const json = toHttpApiEvent(
      request('POST', '/x', { 'content-type': 'application/json' }),
      Buffer.from('{"tên":"Chè"}'),
      { routeKey: 'POST /x', pathParameters: {} },
    );
    expect(json).toMatchObject({ body: '{"tên":"Chè"}', isBase64Encoded: false });
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]);
    const binary = toHttpApiEvent(request('POST', '/x', { 'content-type': 'image/png' }), png, {
      routeKey: 'POST /x',
      pathParameters: {},
    });
    expect(binary.isBase64Encoded).toBe(true);
    expect(Buffer.from(binary.body!, 'base64')).toEqual(png);
  });
});

describe('Lambda result → HTTP response (offline)', () => {
  function capture() {
    const res = new ServerResponse(request('GET', '/', {}));
    const written: { status?: number; headers?: Record<string, unknown>; body?: Buffer } = {};
    res.writeHead = ((status: number, headers: Record<string, unknown>) => {
      written.status = status;
      written.headers = headers;
      return res;
    }) as typeof res.writeHead;
    res.end = ((chunk?: Buffer | string) => {
      written.body = Buffer.from(chunk ?? '');
      return res;
    }) as typeof res.end;
    return { res, written };
  }

  it('writes status, headers, cookies and decodes base64 bodies', () => {
    const { res, written } = capture();
    writeHttpApiResult(res, {
      statusCode: 201,
      headers: { 'content-type': 'image/png' },
      cookies: ['a=1', 'b=2'],
      body: Buffer.from('PNG').toString('base64'),
      isBase64Encoded: true,
    });
    expect(written.status).toBe(201);
    expect(written.headers).toMatchObject({ 'content-type': 'image/png', 'set-cookie': ['a=1', 'b=2'] });
    expect(written.body?.toString()).toBe('PNG');
  });
});
