/**
 * A Lambda function URL (auth NONE, as the template says; IAM-auth URLs are refused here): each
 * request becomes the payload-2.0 event function URLs send (`routeKey: $default`), the result is
 * written back as the URL's HTTP response.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpEvent, HttpResult } from '@chophien/http';
import { toHttpApiEvent, writeHttpApiResult } from '@chophien/infra-local/api-gateway-event';
import type { Json, ResourceRef } from './assembly.ts';
import type { Deployment } from './deployment.ts';
import type { Sandbox } from './sandbox.ts';

export function functionUrlStandIn(options: {
  url: ResourceRef;
  deployment: Deployment;
  functionByArn: (arn: string) => Sandbox | undefined;
}) {
  const { url, deployment } = options;
  const props = url.resource.Properties!;
  const host = new URL(deployment.physicalOf(url.stack, url.logicalId).attributes['FunctionUrl']!).host;
  const functionArn = deployment.resolveString(url.stack, props['TargetFunctionArn'] as Json);
  const iamAuth = props['AuthType'] === 'AWS_IAM';
  return {
    host,
    async handle(req: IncomingMessage, res: ServerResponse, body: Buffer, requestUrl: URL): Promise<unknown> {
      if (iamAuth) {
        res.writeHead(403, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ Message: 'Forbidden' }));
      }
      req.headers.host = host;
      for (const name of ['x-harness-host', 'x-harness-scheme', 'x-harness-function'])
        delete req.headers[name];
      const local = toHttpApiEvent(req, body, { routeKey: '$default', pathParameters: {} });
      const event: HttpEvent = {
        ...local,
        rawPath: requestUrl.pathname,
        rawQueryString: requestUrl.search.slice(1),
        requestContext: {
          ...local.requestContext,
          accountId: 'anonymous',
          apiId: host.split('.')[0]!,
          domainName: host,
          domainPrefix: host.split('.')[0]!,
        },
      };
      const fn = options.functionByArn(functionArn);
      const outcome = fn ? await fn.invoke(event) : undefined;
      if (!outcome?.ok) {
        res.writeHead(502, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ Message: 'Internal Server Error' }));
      }
      writeHttpApiResult(res, outcome.result as HttpResult | string | undefined);
    },
  };
}
