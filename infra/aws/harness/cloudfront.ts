/**
 * A CloudFront distribution as its template configures it, for what reaches an origin: the behaviour
 * chosen by path pattern, its viewer-request CloudFront Function (run in a VM context), its origin
 * request policy (which headers, cookies and query strings travel), the origin's custom headers
 * (dynamic references to Secrets Manager resolved as CloudFormation would), and the origin itself,
 * reached through the AWS stand-in by its domain. No caching: every request goes to the origin.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { runInNewContext } from 'node:vm';
import type { Json, ResourceRef } from './assembly.ts';
import type { AwsStandIn } from './aws-stand-in.ts';
import type { Deployment } from './deployment.ts';

interface Behavior {
  readonly PathPattern?: string;
  readonly TargetOriginId: string;
  readonly OriginRequestPolicyId?: string;
  readonly AllowedMethods?: string[];
  readonly FunctionAssociations?: { EventType: string; FunctionARN: string }[];
}

interface Origin {
  readonly Id: string;
  readonly DomainName: string;
  readonly OriginPath?: string;
  readonly OriginCustomHeaders?: { HeaderName: string; HeaderValue: string }[];
}

interface ForwardRule {
  readonly headers: 'all-except-host' | 'all' | readonly string[];
  readonly cookies: boolean;
  readonly queryStrings: boolean;
}

/** AWS-managed origin request policies by id. */
const MANAGED_POLICIES: Record<string, ForwardRule> = {
  'b689b0a8-53d0-40ab-baf2-68738e2966ac': { headers: 'all-except-host', cookies: true, queryStrings: true },
  '216adef6-5c7f-47e4-b989-5492eafa07d3': { headers: 'all', cookies: true, queryStrings: true },
  '88a5eaf4-2fd4-4709-b370-b4c650ea3fcf': {
    headers: ['origin', 'access-control-request-method', 'access-control-request-headers'],
    cookies: false,
    queryStrings: false,
  },
};

export interface CloudFrontStandIn {
  readonly host: string;
  readonly url: string;
  handle(req: IncomingMessage, res: ServerResponse, body: Buffer, url: URL): Promise<unknown>;
}

const globToRegExp = (pattern: string) =>
  new RegExp(
    `^${pattern
      .replace(/^\//, '')
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );

export function cloudFrontStandIn(options: {
  distribution: ResourceRef;
  deployment: Deployment;
  aws: AwsStandIn;
}): CloudFrontStandIn {
  const { distribution, deployment, aws } = options;
  const { stack } = distribution;
  const config = deployment.resolve(
    stack,
    distribution.resource.Properties!['DistributionConfig']!,
  ) as unknown as {
    DefaultCacheBehavior: Behavior;
    CacheBehaviors?: Behavior[];
    Origins: Origin[];
  };
  const host = deployment.physicalOf(stack, distribution.logicalId).attributes['DomainName']!;
  const behaviors = (config.CacheBehaviors ?? []).map((behavior) => ({
    behavior,
    pattern: globToRegExp(behavior.PathPattern!),
  }));
  const functions = new Map<string, string>();
  for (const [id, resource] of Object.entries(stack.template.Resources)) {
    if (resource.Type !== 'AWS::CloudFront::Function') continue;
    functions.set(
      deployment.physicalOf(stack, id).attributes['FunctionARN']!,
      String(resource.Properties!['FunctionCode']),
    );
  }
  const policyRule = (id: string | undefined): ForwardRule => {
    if (!id) return { headers: [], cookies: false, queryStrings: false };
    const managed = MANAGED_POLICIES[id];
    if (managed) return managed;
    for (const [logicalId, resource] of Object.entries(stack.template.Resources)) {
      if (resource.Type !== 'AWS::CloudFront::OriginRequestPolicy') continue;
      if (deployment.physicalOf(stack, logicalId).ref !== id) continue;
      const policy = (resource.Properties!['OriginRequestPolicyConfig'] ?? {}) as Record<
        string,
        Record<string, Json>
      >;
      const headerBehavior = policy['HeadersConfig']?.['HeaderBehavior'];
      return {
        headers:
          headerBehavior === 'allViewer'
            ? 'all'
            : headerBehavior === 'allViewerAndWhitelistCloudFront'
              ? 'all'
              : ((policy['HeadersConfig']?.['Headers'] ?? []) as string[]).map((name) => name.toLowerCase()),
        cookies: policy['CookiesConfig']?.['CookieBehavior'] !== 'none',
        queryStrings: policy['QueryStringsConfig']?.['QueryStringBehavior'] !== 'none',
      };
    }
    throw new Error(`origin request policy ${id} is not modelled`);
  };
  /** `{{resolve:secretsmanager:<arn>:SecretString:::}}`, as CloudFormation resolves it at deploy time. */
  const dynamicReference = (value: string) =>
    value.replace(
      /\{\{resolve:secretsmanager:(.+?):SecretString:([^:]*):([^:]*):([^:]*)\}\}/g,
      (_, id: string) => {
        const secret = aws.findSecret(id);
        if (!secret) throw new Error(`dynamic reference to unknown secret ${id}`);
        return secret.value;
      },
    );

  return {
    host,
    url: `https://${host}`,
    async handle(req, res, body, url) {
      const path = url.pathname.slice(1);
      const behavior =
        behaviors.find((entry) => entry.pattern.test(path))?.behavior ?? config.DefaultCacheBehavior;
      const method = req.method ?? 'GET';
      if (behavior.AllowedMethods && !behavior.AllowedMethods.includes(method)) {
        res.writeHead(403, { 'content-type': 'text/html' });
        return res.end(
          '<h1>403 ERROR</h1> This distribution is not configured to allow the HTTP request method',
        );
      }
      const viewerHeaders: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === 'string' && !name.startsWith('x-harness-')) viewerHeaders[name] = value;
      }
      viewerHeaders['host'] = host;
      for (const association of behavior.FunctionAssociations ?? []) {
        if (association.EventType !== 'viewer-request') continue;
        const code = functions.get(association.FunctionARN);
        if (!code) throw new Error(`CloudFront function ${association.FunctionARN} not in the template`);
        const request = {
          method,
          uri: url.pathname,
          querystring: {},
          headers: Object.fromEntries(Object.entries(viewerHeaders).map(([k, v]) => [k, { value: v }])),
          cookies: {},
        };
        const changed = runInNewContext(`${code}\nhandler(event);`, {
          event: {
            version: '1.0',
            context: { eventType: 'viewer-request' },
            viewer: { ip: '203.0.113.9' },
            request,
          },
        }) as { headers: Record<string, { value: string }> };
        for (const [name, { value }] of Object.entries(changed.headers)) viewerHeaders[name] = value;
      }
      const origin = config.Origins.find((entry) => entry.Id === behavior.TargetOriginId);
      if (!origin) throw new Error(`behaviour targets unknown origin ${behavior.TargetOriginId}`);
      const bucket = /^(.+)\.s3\.[a-z0-9-]+\.amazonaws\.com$/.exec(origin.DomainName)?.[1];
      if (bucket) {
        // An S3 origin through origin access control: the bucket policy lets the distribution read.
        const object = aws.objects.get(`${bucket}/${decodeURIComponent(url.pathname.slice(1))}`);
        if (!object) {
          res.writeHead(403, { 'content-type': 'application/xml' });
          return res.end('<Error><Code>AccessDenied</Code></Error>');
        }
        res.writeHead(200, {
          'content-type': object.contentType,
          'content-length': String(object.body.length),
        });
        return res.end(method === 'HEAD' ? undefined : object.body);
      }
      const rule = policyRule(behavior.OriginRequestPolicyId);
      const forwarded = new Headers();
      for (const [name, value] of Object.entries(viewerHeaders)) {
        if (name === 'host' || name === 'content-length') continue;
        if (name === 'cookie' && !rule.cookies) continue;
        const allowed =
          rule.headers === 'all' ||
          rule.headers === 'all-except-host' ||
          rule.headers.includes(name) ||
          name === 'cookie' ||
          name === 'content-type';
        if (allowed) forwarded.set(name, value);
      }
      for (const header of origin.OriginCustomHeaders ?? []) {
        forwarded.set(header.HeaderName, dynamicReference(header.HeaderValue));
      }
      forwarded.set('x-forwarded-proto', 'https');
      forwarded.set('x-harness-host', origin.DomainName);
      const target = new URL(
        `${origin.OriginPath ?? ''}${url.pathname}${rule.queryStrings ? url.search : ''}`,
        aws.url,
      );
      const response = await fetch(target, {
        method,
        headers: forwarded,
        redirect: 'manual',
        ...(['GET', 'HEAD'].includes(method) ? {} : { body: new Uint8Array(body) }),
      });
      const headers: Record<string, string | string[]> = {};
      response.headers.forEach((value, name) => {
        if (
          !['content-length', 'transfer-encoding', 'connection', 'content-encoding', 'set-cookie'].includes(
            name,
          )
        )
          headers[name] = value;
      });
      const cookies = response.headers.getSetCookie();
      if (cookies.length > 0) headers['set-cookie'] = cookies;
      res.writeHead(response.status, headers);
      res.end(Buffer.from(await response.arrayBuffer()));
    },
  };
}
