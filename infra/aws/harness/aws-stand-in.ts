/**
 * The harness's AWS: one loopback HTTP server that every sandbox's AWS traffic reaches
 * (sandbox/network.mjs). It identifies the calling function by its credentials, authorizes every call
 * against that function's role policy from the template (an action or resource not granted answers
 * AccessDenied in the service's own error shape), then serves it: DynamoDB by proxy to DynamoDB Local,
 * and small in-memory stand-ins for Secrets Manager, SSM (and the Parameters and Secrets extension),
 * SNS SMS, S3 objects, Cognito's JWKS and the WebSocket management API. HTTP APIs, WebSocket APIs and
 * function URLs register themselves by host.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type AwsCall,
  dynamoDbCall,
  type Place,
  parameterArnFor,
  s3CallOf,
  secretArnFor,
} from './aws-protocols.ts';
import type { PolicyEvaluator } from './iam.ts';

export interface Caller {
  readonly functionName: string;
  readonly evaluator: PolicyEvaluator;
}

export interface RecordedCall {
  readonly caller: string;
  readonly service: string;
  readonly operation: string;
  readonly authorizations: AwsCall['authorizations'];
  readonly denied?: string;
}

export type HostHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
  url: URL,
) => Promise<unknown>;

export interface SmsMessage {
  readonly caller: string;
  readonly phoneNumber: string;
  readonly message: string;
  readonly attributes: Record<string, string>;
}

/** The access key id a function's sandbox signs with (what AWS would see as the role session's key). */
export const accessKeyFor = (functionName: string): string =>
  `ASIA${createHash('sha256').update(functionName).digest('hex').slice(0, 16).toUpperCase()}`;

const readBody = (req: IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', ...headers });
  res.end(JSON.stringify(body));
};

const xml = (res: ServerResponse, status: number, body: string) => {
  res.writeHead(status, { 'content-type': 'text/xml' });
  res.end(body);
};

export class AwsStandIn {
  private server: Server | undefined;
  private readonly callers = new Map<string, Caller>();
  private readonly hosts: { match: RegExp; handle: HostHandler }[] = [];
  readonly calls: RecordedCall[] = [];
  readonly secrets = new Map<string, { name: string; arn: string; value: string }>();
  readonly parameters = new Map<string, string>();
  readonly objects = new Map<string, { body: Buffer; contentType: string }>();
  readonly sms: SmsMessage[] = [];
  readonly groupsAdded: { pool: string; user: string; group: string }[] = [];
  /** JWKS documents by Cognito user pool id. */
  readonly jwks = new Map<string, unknown>();
  /** Calls the harness does not model: a test fails on any. */
  readonly unsupported: string[] = [];
  /**
   * Parameters and Secrets extension: how many first requests per sandbox answer "not ready" (400), as
   * public reports show it doing at cold start; one by default, so a reader without retry fails here.
   */
  extensionWarmupRequests = 1;
  /** How many "not ready" answers the extension stand-in gave. */
  extensionNotReadyAnswers = 0;
  private readonly extensionSeen = new Map<string, number>();
  url = '';

  constructor(
    readonly place: Place,
    private readonly dynamoDbEndpoint: string,
  ) {}

  register(caller: Caller): void {
    this.callers.set(caller.functionName, caller);
    this.callers.set(accessKeyFor(caller.functionName), caller);
  }

  /** HTTP APIs, WebSocket management APIs, function URLs: served by host. */
  route(match: RegExp, handle: HostHandler): void {
    this.hosts.push({ match, handle });
  }

  putSecret(name: string, value: string): string {
    const arn = `${secretArnFor(this.place, name)}-${createHash('sha256').update(name).digest('hex').slice(0, 6)}`;
    this.secrets.set(arn, { name, arn, value });
    return arn;
  }

  putSecretWithArn(arn: string, value: string): void {
    const name = /:secret:(.+)$/.exec(arn)?.[1] ?? arn;
    this.secrets.set(arn, { name, arn, value });
  }

  findSecret(id: string): { name: string; arn: string; value: string } | undefined {
    return this.secrets.get(id) ?? [...this.secrets.values()].find((secret) => secret.name === id);
  }

  denials(): RecordedCall[] {
    return this.calls.filter((call) => call.denied);
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent)
          json(res, 500, { message: `harness stand-in failed: ${(error as Error).message}` });
        else res.end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** For stand-ins registered by host (the WebSocket management API): who calls, and may they. */
  authorizeRequest(
    req: IncomingMessage,
    url: URL,
    call: AwsCall,
    deny: (message: string) => void,
  ): Promise<boolean> {
    return this.authorize(this.callerOf(req, url), call, deny);
  }

  private callerOf(req: IncomingMessage, url: URL): Caller | undefined {
    const credential =
      /Credential=([A-Z0-9]+)\//.exec(String(req.headers.authorization ?? ''))?.[1] ??
      url.searchParams.get('X-Amz-Credential')?.split('/')[0];
    if (credential) return this.callers.get(credential);
    const name = req.headers['x-harness-function'];
    return typeof name === 'string' ? this.callers.get(name) : undefined;
  }

  /** Authorizes every part of a call; answers the denial (and returns false) when one is not granted. */
  private async authorize(
    caller: Caller | undefined,
    call: AwsCall,
    deny: (message: string) => void,
  ): Promise<boolean> {
    const name = caller?.functionName ?? 'anonymous';
    for (const { action, resource } of call.authorizations) {
      const decision = caller
        ? await caller.evaluator.check(action, resource)
        : { allowed: false as const, reason: 'unsigned request' };
      if (!decision.allowed) {
        this.calls.push({ caller: name, ...call, denied: decision.reason });
        deny(decision.reason);
        return false;
      }
    }
    this.calls.push({ caller: name, ...call });
    return true;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<unknown> {
    const host = String(req.headers['x-harness-host'] ?? req.headers.host ?? '').toLowerCase();
    const url = new URL(req.url ?? '/', `https://${host}`);
    const body = await readBody(req);
    const hostName = host.replace(/:\d+$/, '');
    for (const entry of this.hosts) {
      if (entry.match.test(hostName)) return entry.handle(req, res, body, url);
    }
    const caller = this.callerOf(req, url);
    if (/^(localhost|127\.0\.0\.1):\d+$/.test(host)) return this.extension(req, res, url, caller);
    const service = /^(?:[^.]+\.)?([a-z0-9-]+)\.[a-z0-9-]+\.amazonaws\.com$/.exec(hostName)?.[1];
    const target = String(req.headers['x-amz-target'] ?? '');
    if (hostName.startsWith('cognito-idp.')) return this.cognito(req, res, url, target, body, caller);
    if (/(^|\.)s3[.-]/.test(hostName)) return this.s3(req, res, host, url, body, caller);
    switch (service) {
      case 'dynamodb':
        return this.dynamodb(req, res, target, body, caller);
      case 'secretsmanager':
        return this.secretsManager(res, target, body, caller);
      case 'ssm':
        return this.ssm(res, target, body, caller);
      case 'sns':
        return this.sns(res, target, body, caller);
    }
    this.unsupported.push(`${req.method} ${host}${url.pathname} ${target}`);
    json(res, 501, { message: `the harness does not model ${host} ${target}` });
  }

  private async dynamodb(
    req: IncomingMessage,
    res: ServerResponse,
    target: string,
    body: Buffer,
    caller: Caller | undefined,
  ): Promise<unknown> {
    const operation = target.split('.')[1] ?? '';
    const parsed = JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>;
    const call = dynamoDbCall(operation, parsed, this.place);
    const allowed = await this.authorize(caller, call, (message) =>
      json(
        res,
        400,
        { __type: 'com.amazon.coral.service#AccessDeniedException', message },
        { 'x-amzn-errortype': 'AccessDeniedException' },
      ),
    );
    if (!allowed) return;
    const forwarded = await fetch(this.dynamoDbEndpoint, {
      method: 'POST',
      headers: {
        'content-type': String(req.headers['content-type'] ?? 'application/x-amz-json-1.0'),
        'x-amz-target': target,
        authorization: String(req.headers.authorization ?? ''),
        'x-amz-date': String(req.headers['x-amz-date'] ?? ''),
      },
      body: new Uint8Array(body),
    });
    const answer = Buffer.from(await forwarded.arrayBuffer());
    const headers: Record<string, string> = {};
    forwarded.headers.forEach((value, name) => {
      if (!['content-length', 'connection', 'transfer-encoding', 'content-encoding'].includes(name))
        headers[name] = value;
    });
    res.writeHead(forwarded.status, headers);
    res.end(answer);
  }

  private async secretsManager(
    res: ServerResponse,
    target: string,
    body: Buffer,
    caller: Caller | undefined,
  ) {
    const operation = target.split('.')[1] ?? '';
    const input = JSON.parse(body.toString('utf8') || '{}') as Record<string, string>;
    const deny = (message: string) =>
      json(
        res,
        400,
        { __type: 'AccessDeniedException', Message: message },
        { 'x-amzn-errortype': 'AccessDeniedException' },
      );
    if (operation === 'GetSecretValue') {
      const found = this.findSecret(input['SecretId'] ?? '');
      const resource = found?.arn ?? `${secretArnFor(this.place, input['SecretId'] ?? '')}-??????`;
      const call = {
        service: 'secretsmanager',
        operation,
        authorizations: [{ action: 'secretsmanager:GetSecretValue', resource }],
      };
      if (!(await this.authorize(caller, call, deny))) return;
      if (!found) {
        return json(res, 400, {
          __type: 'ResourceNotFoundException',
          Message: "Secrets Manager can't find the specified secret.",
        });
      }
      return json(res, 200, {
        ARN: found.arn,
        Name: found.name,
        SecretString: found.value,
        VersionId: 'v1',
        CreatedDate: 0,
      });
    }
    if (operation === 'CreateSecret') {
      const name = input['Name'] ?? '';
      const arn = `${secretArnFor(this.place, name)}-${createHash('sha256').update(name).digest('hex').slice(0, 6)}`;
      const call = {
        service: 'secretsmanager',
        operation,
        authorizations: [{ action: 'secretsmanager:CreateSecret', resource: arn }],
      };
      if (!(await this.authorize(caller, call, deny))) return;
      if (this.findSecret(name)) {
        return json(res, 400, {
          __type: 'ResourceExistsException',
          Message: `The operation failed because the secret ${name} already exists.`,
        });
      }
      this.secrets.set(arn, { name, arn, value: input['SecretString'] ?? '' });
      return json(res, 200, { ARN: arn, Name: name, VersionId: 'v1' });
    }
    this.unsupported.push(`secretsmanager ${operation}`);
    json(res, 400, { __type: 'InvalidRequestException', Message: `harness: ${operation} not modelled` });
  }

  private async ssm(res: ServerResponse, target: string, body: Buffer, caller: Caller | undefined) {
    const operation = target.split('.')[1] ?? '';
    const input = JSON.parse(body.toString('utf8') || '{}') as Record<string, string>;
    if (operation !== 'GetParameter') {
      this.unsupported.push(`ssm ${operation}`);
      return json(res, 400, { __type: 'ValidationException', message: `harness: ${operation} not modelled` });
    }
    const name = input['Name'] ?? '';
    const call = {
      service: 'ssm',
      operation,
      authorizations: [{ action: 'ssm:GetParameter', resource: parameterArnFor(this.place, name) }],
    };
    const allowed = await this.authorize(caller, call, (message) =>
      json(
        res,
        400,
        { __type: 'AccessDeniedException', message },
        { 'x-amzn-errortype': 'AccessDeniedException' },
      ),
    );
    if (!allowed) return;
    const value = this.parameters.get(name);
    if (value === undefined) return json(res, 400, { __type: 'ParameterNotFound', message: '' });
    json(res, 200, {
      Parameter: {
        Name: name,
        Type: 'String',
        Value: value,
        Version: 1,
        ARN: parameterArnFor(this.place, name),
      },
    });
  }

  /** The Parameters and Secrets Lambda Extension's localhost interface (it calls SSM with the function's role). */
  private async extension(req: IncomingMessage, res: ServerResponse, url: URL, caller: Caller | undefined) {
    const sandbox = String(req.headers['x-aws-parameters-secrets-token'] ?? '');
    const seen = this.extensionSeen.get(sandbox) ?? 0;
    this.extensionSeen.set(sandbox, seen + 1);
    if (!sandbox) {
      res.writeHead(401, { 'content-type': 'text/plain' });
      return res.end('missing X-Aws-Parameters-Secrets-Token');
    }
    if (seen < this.extensionWarmupRequests) {
      // What public reports show the extension answering when called before it is ready.
      this.extensionNotReadyAnswers++;
      res.writeHead(400, { 'content-type': 'text/plain' });
      return res.end('not ready to serve traffic, please wait');
    }
    if (url.pathname !== '/systemsmanager/parameters/get') {
      this.unsupported.push(`extension ${url.pathname}`);
      res.writeHead(404);
      return res.end();
    }
    const name = url.searchParams.get('name') ?? '';
    const call = {
      service: 'ssm',
      operation: 'GetParameter (extension)',
      authorizations: [{ action: 'ssm:GetParameter', resource: parameterArnFor(this.place, name) }],
    };
    const allowed = await this.authorize(caller, call, (message) => {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end(`AccessDeniedException: ${message}`);
    });
    if (!allowed) return;
    const value = this.parameters.get(name);
    if (value === undefined) {
      res.writeHead(400, { 'content-type': 'text/plain' });
      return res.end('ParameterNotFound');
    }
    json(res, 200, { Parameter: { Name: name, Type: 'String', Value: value, Version: 1 } });
  }

  private async sns(res: ServerResponse, target: string, body: Buffer, caller: Caller | undefined) {
    const isJson = target.startsWith('AmazonSimpleNotificationService.');
    const params: Record<string, string> = isJson
      ? (JSON.parse(body.toString('utf8') || '{}') as Record<string, string>)
      : Object.fromEntries(new URLSearchParams(body.toString('utf8')));
    const operation = isJson ? (target.split('.')[1] ?? '') : (params['Action'] ?? '');
    if (operation !== 'Publish') {
      this.unsupported.push(`sns ${operation}`);
      return xml(res, 400, `<ErrorResponse><Error><Code>InvalidAction</Code></Error></ErrorResponse>`);
    }
    const phoneNumber = params['PhoneNumber'];
    const resource = params['TopicArn'] ?? params['TargetArn'] ?? '*';
    const call = { service: 'sns', operation, authorizations: [{ action: 'sns:Publish', resource }] };
    const allowed = await this.authorize(caller, call, (message) =>
      isJson
        ? json(res, 400, { __type: 'AuthorizationError', message })
        : xml(
            res,
            403,
            `<ErrorResponse><Error><Type>Sender</Type><Code>AuthorizationError</Code><Message>${message}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
          ),
    );
    if (!allowed) return;
    const attributes: Record<string, string> = {};
    for (const [key, value] of Object.entries(params)) {
      const entry = /^MessageAttributes\.entry\.(\d+)\.Name$/.exec(key);
      if (entry) attributes[value] = params[`MessageAttributes.entry.${entry[1]}.Value.StringValue`] ?? '';
    }
    this.sms.push({
      caller: caller?.functionName ?? 'anonymous',
      phoneNumber: phoneNumber ?? resource,
      message: params['Message'] ?? '',
      attributes,
    });
    const messageId = randomUUID();
    if (isJson) return json(res, 200, { MessageId: messageId });
    xml(
      res,
      200,
      `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>${messageId}</MessageId></PublishResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></PublishResponse>`,
    );
  }

  private async s3(
    req: IncomingMessage,
    res: ServerResponse,
    host: string,
    url: URL,
    body: Buffer,
    caller: Caller | undefined,
  ) {
    const call = s3CallOf(req, host, url);
    const allowed = await this.authorize(caller, call, () =>
      xml(
        res,
        403,
        '<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>',
      ),
    );
    if (!allowed) return;
    const id = `${call.bucket}/${call.key}`;
    switch (call.operation) {
      case 'PutObject': {
        this.objects.set(id, {
          body,
          contentType: String(req.headers['content-type'] ?? 'application/octet-stream'),
        });
        res.writeHead(200, { etag: `"${createHash('md5').update(body).digest('hex')}"` });
        return res.end();
      }
      case 'CopyObject': {
        const source = this.objects.get(`${call.copySource!.bucket}/${call.copySource!.key}`);
        if (!source) return xml(res, 404, '<Error><Code>NoSuchKey</Code></Error>');
        this.objects.set(id, source);
        return xml(res, 200, '<CopyObjectResult><ETag>"copy"</ETag></CopyObjectResult>');
      }
      case 'GetObject':
      case 'HeadObject': {
        const object = this.objects.get(id);
        if (!object) {
          if (call.operation === 'HeadObject') {
            res.writeHead(404);
            return res.end();
          }
          return xml(
            res,
            404,
            '<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>',
          );
        }
        res.writeHead(200, {
          'content-type': object.contentType,
          'content-length': String(object.body.length),
          etag: `"${createHash('md5').update(object.body).digest('hex')}"`,
        });
        return res.end(call.operation === 'GetObject' ? object.body : undefined);
      }
      case 'DeleteObject':
        this.objects.delete(id);
        res.writeHead(204);
        return res.end();
    }
    this.unsupported.push(`s3 ${call.operation}`);
    xml(res, 501, '<Error><Code>NotImplemented</Code></Error>');
  }

  private async cognito(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    target: string,
    body: Buffer,
    caller: Caller | undefined,
  ) {
    const jwks = /^\/([^/]+)\/\.well-known\/jwks\.json$/.exec(url.pathname);
    if (req.method === 'GET' && jwks) {
      const document = this.jwks.get(jwks[1]!);
      if (!document) return json(res, 404, { message: 'User pool does not exist' });
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify(document));
    }
    const operation = target.split('.')[1] ?? '';
    const input = JSON.parse(body.toString('utf8') || '{}') as Record<string, string>;
    if (operation === 'AdminAddUserToGroup') {
      const pool = input['UserPoolId'] ?? '';
      const call = {
        service: 'cognito-idp',
        operation,
        authorizations: [
          {
            action: 'cognito-idp:AdminAddUserToGroup',
            resource: `arn:aws:cognito-idp:${this.place.region}:${this.place.account}:userpool/${pool}`,
          },
        ],
      };
      const allowed = await this.authorize(caller, call, (message) =>
        json(res, 400, { __type: 'AccessDeniedException', message }),
      );
      if (!allowed) return;
      this.groupsAdded.push({ pool, user: input['Username'] ?? '', group: input['GroupName'] ?? '' });
      return json(res, 200, {});
    }
    this.unsupported.push(`cognito-idp ${operation}`);
    json(res, 400, { __type: 'InvalidParameterException', message: `harness: ${operation} not modelled` });
  }
}
