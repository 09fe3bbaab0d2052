/**
 * The artifact harness: the synthesized assembly "deployed" onto loopback stand-ins, every function
 * run from its bundle under its own role (docs/decisions/0304-artifact-harness.md).
 * - data: each table created in DynamoDB Local from its template (keys, GSIs, stream), each generated
 *   secret generated, each SSM parameter put, each user pool given signing keys;
 * - compute: each Lambda function a lazily started sandbox (src: sandbox.ts), its AWS calls authorized
 *   against its role policy (iam.ts) by the AWS stand-in (aws-stand-in.ts);
 * - edges: HTTP APIs with their JWT authorizer, WebSocket APIs with their management API, function URLs,
 *   the CloudFront distribution's behaviours, DynamoDB stream mappings and EventBridge schedules.
 * Clients (the tests, as browsers, banks and phones) call `harness.fetch(url)` with real AWS-shaped URLs.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  type Assembly,
  assetDirOf,
  type Json,
  type ResourceRef,
  readAssembly,
  resourcesOfType,
} from './assembly.ts';
import { AwsStandIn } from './aws-stand-in.ts';
import { type CloudFrontStandIn, cloudFrontStandIn } from './cloudfront.ts';
import { createUserPool, type UserPool } from './cognito.ts';
import { Deployment } from './deployment.ts';
import { functionUrlStandIn } from './function-url.ts';
import { type HttpApiStandIn, httpApiStandIn } from './http-api.ts';
import { PolicyEvaluator, rolePoliciesOf } from './iam.ts';
import { type FunctionSpec, type Invocation, Sandbox } from './sandbox.ts';
import { type StreamMapping, streamMapping } from './stream-mapping.ts';
import { type WebSocketApiStandIn, webSocketApiStandIn } from './websocket-api.ts';

export interface HarnessOptions {
  readonly assemblyDir: string;
  readonly dynamoDbEndpoint: string;
  /** Print every sandbox's output (debugging). */
  readonly echoLogs?: boolean;
  /** Edits the templates before the deploy (tests that remove a grant to prove the check can fail). */
  readonly transform?: (assembly: Assembly) => void;
}

export interface Harness {
  readonly assembly: Assembly;
  readonly deployment: Deployment;
  readonly aws: AwsStandIn;
  readonly httpApis: readonly HttpApiStandIn[];
  readonly webSocketApis: readonly WebSocketApiStandIn[];
  readonly distributions: readonly CloudFrontStandIn[];
  readonly streams: readonly StreamMapping[];
  readonly userPools: readonly UserPool[];
  /** Physical names of the tables, by logical id. */
  readonly tables: ReadonlyMap<string, string>;
  /** A client's request to an AWS-shaped URL (execute-api, cloudfront.net, lambda-url…). */
  fetch(url: string, init?: RequestInit): Promise<Response>;
  /** The function whose template `Description` is `chophien <handler>` (e.g. `markets/bank-webhook`). */
  functionFor(handler: string): Sandbox;
  /** Every Node.js function of the assembly (specs only; sandboxes start on first use). */
  functionSpecs(): FunctionSpec[];
  /** Runs an EventBridge schedule's target with a Scheduled Event, as the rule would. */
  runSchedule(description: RegExp): Promise<Invocation>;
  /** Delivers every stream record written so far to the mappings' functions. */
  drainStreams(): Promise<Invocation[]>;
  stop(): Promise<void>;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const CONTENT_TYPES: Record<string, string> = {
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.txt': 'text/plain',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};
const contentTypeOf = (file: string) => CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';

function generatedSecret(props: Record<string, Json>): string {
  const spec = (props['GenerateSecretString'] ?? {}) as { PasswordLength?: number };
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(spec.PasswordLength ?? 32);
  return [...bytes].map((byte) => alphabet[byte % alphabet.length]).join('');
}

async function createTables(
  assembly: Assembly,
  deployment: Deployment,
  endpoint: string,
): Promise<Map<string, string>> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'ap-southeast-1',
    credentials: { accessKeyId: 'harness', secretAccessKey: 'harness' },
  });
  const tables = new Map<string, string>();
  try {
    for (const table of [
      ...resourcesOfType(assembly, 'AWS::DynamoDB::GlobalTable'),
      ...resourcesOfType(assembly, 'AWS::DynamoDB::Table'),
    ]) {
      const props = deployment.resolve(table.stack, table.resource.Properties as Json) as Record<
        string,
        never
      >;
      const name = deployment.physicalOf(table.stack, table.logicalId).ref;
      const stream = props['StreamSpecification'] as { StreamViewType?: string } | undefined;
      await client.send(
        new CreateTableCommand({
          TableName: name,
          KeySchema: props['KeySchema'],
          AttributeDefinitions: props['AttributeDefinitions'],
          BillingMode: 'PAY_PER_REQUEST',
          ...(props['GlobalSecondaryIndexes']
            ? { GlobalSecondaryIndexes: props['GlobalSecondaryIndexes'] }
            : {}),
          ...(stream?.StreamViewType
            ? { StreamSpecification: { StreamEnabled: true, StreamViewType: stream.StreamViewType as never } }
            : {}),
        }),
      );
      tables.set(table.logicalId, name);
    }
  } finally {
    client.destroy();
  }
  return tables;
}

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const assembly = readAssembly(options.assemblyDir);
  options.transform?.(assembly);
  const deployment = new Deployment(assembly);
  const first = assembly.stacks[0]!;
  const place = { region: first.region, account: first.account };
  const aws = new AwsStandIn(place, options.dynamoDbEndpoint);
  await aws.start();

  const tables = await createTables(assembly, deployment, options.dynamoDbEndpoint);
  for (const secret of resourcesOfType(assembly, 'AWS::SecretsManager::Secret')) {
    const props = secret.resource.Properties ?? {};
    const arn = deployment.physicalOf(secret.stack, secret.logicalId).ref;
    const value =
      props['SecretString'] !== undefined
        ? deployment.resolveString(secret.stack, props['SecretString'])
        : generatedSecret(props);
    aws.putSecretWithArn(arn, value);
  }
  for (const parameter of resourcesOfType(assembly, 'AWS::SSM::Parameter')) {
    const props = parameter.resource.Properties!;
    aws.parameters.set(
      deployment.resolveString(parameter.stack, props['Name']!),
      deployment.resolveString(parameter.stack, props['Value']!),
    );
  }
  // Static files a BucketDeployment uploads (the storefront's client build), from its asset folder.
  for (const upload of resourcesOfType(assembly, 'Custom::CDKBucketDeployment')) {
    const props = deployment.resolve(upload.stack, upload.resource.Properties as Json) as {
      SourceObjectKeys: string[];
      DestinationBucketName: string;
      DestinationBucketKeyPrefix?: string;
    };
    for (const key of props.SourceObjectKeys) {
      const dir = join(assembly.dir, `asset.${key.replace(/\.zip$/, '')}`);
      for (const file of filesUnder(dir)) {
        const objectKey = `${props.DestinationBucketKeyPrefix ?? ''}${relative(dir, file)}`;
        aws.objects.set(`${props.DestinationBucketName}/${objectKey}`, {
          body: readFileSync(file),
          contentType: contentTypeOf(file),
        });
      }
    }
  }
  const userPools: UserPool[] = [];
  for (const pool of resourcesOfType(assembly, 'AWS::Cognito::UserPool')) {
    const poolId = deployment.physicalOf(pool.stack, pool.logicalId).ref;
    const client = resourcesOfType(assembly, 'AWS::Cognito::UserPoolClient').find(
      (entry) =>
        (entry.resource.Properties?.['UserPoolId'] as { Ref?: string } | undefined)?.Ref === pool.logicalId,
    );
    const clientId = client ? deployment.physicalOf(client.stack, client.logicalId).ref : 'no-client';
    const userPool = await createUserPool(pool.stack.region, poolId, clientId);
    aws.jwks.set(poolId, userPool.jwks);
    userPools.push(userPool);
  }

  // Functions: specs now, sandboxes on first use.
  const functions = resourcesOfType(assembly, 'AWS::Lambda::Function').filter((fn) =>
    String(fn.resource.Properties?.['Runtime'] ?? '').startsWith('nodejs'),
  );
  const specs = new Map<string, { ref: ResourceRef; spec: FunctionSpec }>();
  for (const fn of functions) {
    const props = fn.resource.Properties!;
    const physical = deployment.physicalOf(fn.stack, fn.logicalId);
    const variables =
      (props['Environment'] as { Variables?: Record<string, Json> } | undefined)?.Variables ?? {};
    const environment = Object.fromEntries(
      Object.entries(variables).map(([key, value]) => [key, deployment.resolveString(fn.stack, value)]),
    );
    let taskRoot: string;
    try {
      taskRoot = assetDirOf(assembly, fn);
    } catch {
      continue; // inline code (CDK's own providers): not ours to run
    }
    specs.set(physical.attributes['Arn']!, {
      ref: fn,
      spec: {
        name: physical.ref,
        arn: physical.attributes['Arn']!,
        taskRoot,
        handler: String(props['Handler']),
        runtime: String(props['Runtime']),
        memoryMb: Number(props['MemorySize'] ?? 128),
        timeoutSeconds: Number(props['Timeout'] ?? 3),
        environment,
        region: fn.stack.region,
        jsonLogs: (props['LoggingConfig'] as { LogFormat?: string } | undefined)?.LogFormat === 'JSON',
      },
    });
  }
  const sandboxes = new Map<string, Sandbox>();
  const evaluators = new Map<string, PolicyEvaluator>();
  const evaluatorFor = (arn: string) => {
    let evaluator = evaluators.get(arn);
    if (!evaluator) {
      const entry = specs.get(arn);
      if (!entry) throw new Error(`no function ${arn}`);
      evaluator = new PolicyEvaluator(
        rolePoliciesOf(assembly, deployment, entry.ref),
        place.account,
        entry.spec.name,
      );
      evaluators.set(arn, evaluator);
    }
    return evaluator;
  };
  const functionByArn = (arn: string): Sandbox | undefined => {
    let sandbox = sandboxes.get(arn);
    if (sandbox) return sandbox;
    const entry = specs.get(arn);
    if (!entry) return undefined;
    aws.register({ functionName: entry.spec.name, evaluator: evaluatorFor(arn) });
    sandbox = new Sandbox(entry.spec, aws.url, options.echoLogs ?? false);
    sandboxes.set(arn, sandbox);
    return sandbox;
  };

  const jwksFor = (issuer: string) => userPools.find((pool) => pool.issuer === issuer)?.jwks;
  const httpApis: HttpApiStandIn[] = [];
  const webSocketApis: WebSocketApiStandIn[] = [];
  for (const api of resourcesOfType(assembly, 'AWS::ApiGatewayV2::Api')) {
    if (api.resource.Properties?.['ProtocolType'] === 'WEBSOCKET') {
      const standIn = webSocketApiStandIn({
        api,
        deployment,
        functionByArn,
        authorizeManage: (req, url, res, resource) =>
          aws.authorizeRequest(
            req,
            url,
            {
              service: 'execute-api',
              operation: 'ManageConnections',
              authorizations: [{ action: 'execute-api:ManageConnections', resource }],
            },
            (message) => {
              res.writeHead(403, {
                'content-type': 'application/json',
                'x-amzn-errortype': 'AccessDeniedException',
              });
              res.end(JSON.stringify({ Message: message }));
            },
          ),
      });
      aws.route(new RegExp(`^${standIn.host.replace(/\./g, '\\.')}$`), standIn.manage);
      webSocketApis.push(standIn);
    } else {
      const standIn = httpApiStandIn({ api, assembly, deployment, functionByArn, jwksFor });
      aws.route(new RegExp(`^${standIn.host.replace(/\./g, '\\.')}$`), standIn.handle);
      httpApis.push(standIn);
    }
  }
  for (const url of resourcesOfType(assembly, 'AWS::Lambda::Url')) {
    const standIn = functionUrlStandIn({ url, deployment, functionByArn });
    aws.route(new RegExp(`^${standIn.host.replace(/\./g, '\\.')}$`), standIn.handle);
  }
  const distributions: CloudFrontStandIn[] = [];
  for (const distribution of resourcesOfType(assembly, 'AWS::CloudFront::Distribution')) {
    const standIn = cloudFrontStandIn({ distribution, deployment, aws });
    aws.route(new RegExp(`^${standIn.host.replace(/\./g, '\\.')}$`), standIn.handle);
    distributions.push(standIn);
  }

  const tableByStream = (streamArn: string) => {
    for (const table of resourcesOfType(assembly, 'AWS::DynamoDB::GlobalTable')) {
      if (deployment.physicalOf(table.stack, table.logicalId).attributes['StreamArn'] === streamArn) {
        return tables.get(table.logicalId)!;
      }
    }
    throw new Error(`no table has the stream ${streamArn}`);
  };
  const streams: StreamMapping[] = [];
  for (const mapping of resourcesOfType(assembly, 'AWS::Lambda::EventSourceMapping')) {
    const stream = streamMapping({
      mapping,
      deployment,
      dynamoDbEndpoint: options.dynamoDbEndpoint,
      tableOfStream: tableByStream,
      functionByArn,
      authorize: (arn, action, resource) => evaluatorFor(arn).check(action, resource),
    });
    await stream.start();
    streams.push(stream);
  }

  const harnessFetch = async (url: string, init: RequestInit = {}) => {
    const target = new URL(url);
    const headers = new Headers(init.headers);
    headers.set('x-harness-host', target.host);
    return fetch(new URL(`${target.pathname}${target.search}`, aws.url), {
      ...init,
      headers,
      redirect: 'manual',
    });
  };

  return {
    assembly,
    deployment,
    aws,
    httpApis,
    webSocketApis,
    distributions,
    streams,
    userPools,
    tables,
    fetch: harnessFetch,
    functionFor(handler) {
      for (const [arn, entry] of specs) {
        if (entry.ref.resource.Properties?.['Description'] === `chophien ${handler}`)
          return functionByArn(arn)!;
      }
      throw new Error(`no function described as chophien ${handler}`);
    },
    functionSpecs: () => [...specs.values()].map((entry) => entry.spec),
    async runSchedule(description) {
      const rule = resourcesOfType(assembly, 'AWS::Events::Rule').find((entry) =>
        description.test(String(entry.resource.Properties?.['Description'] ?? '')),
      );
      if (!rule) throw new Error(`no rule described like ${description}`);
      const targets = deployment.resolve(rule.stack, rule.resource.Properties!['Targets']!) as {
        Arn: string;
      }[];
      const fn = functionByArn(targets[0]!.Arn);
      if (!fn) throw new Error(`rule ${rule.logicalId} targets no function of the assembly`);
      return fn.invoke({
        version: '0',
        id: crypto.randomUUID(),
        'detail-type': 'Scheduled Event',
        source: 'aws.events',
        account: rule.stack.account,
        time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
        region: rule.stack.region,
        resources: [deployment.physicalOf(rule.stack, rule.logicalId).attributes['Arn']!],
        detail: {},
      });
    },
    async drainStreams() {
      const outcomes: Invocation[] = [];
      for (const stream of streams) outcomes.push(...(await stream.drain()));
      return outcomes;
    },
    async stop() {
      await Promise.all([...sandboxes.values()].map((sandbox) => sandbox.stop()));
      await aws.stop();
    },
  };
}
