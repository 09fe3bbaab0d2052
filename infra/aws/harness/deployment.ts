/**
 * A harness "deploy": every resource of the assembly gets the physical id and attributes CloudFormation
 * would give it (table names, ARNs, API ids, endpoints), invented here but shaped exactly like AWS's,
 * and template values (`Ref`, `Fn::GetAtt`, `Fn::ImportValue`, `Fn::Join`, `Fn::Sub`…) resolve
 * against them. Functions then receive their template environment with these values filled in.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Assembly, AssemblyStack, CfnResource, Json } from './assembly.ts';

export interface Physical {
  readonly ref: string;
  readonly attributes: Readonly<Record<string, string>>;
}

const short = (text: string, length = 10) => createHash('sha256').update(text).digest('hex').slice(0, length);
/** API Gateway ids: 10 lower-case alphanumerics. */
const apiId = (text: string) => short(text, 10).replace(/^[0-9]/, 'a');

function physicalOf(stack: AssemblyStack, logicalId: string, resource: CfnResource, salt: string): Physical {
  const { region, account, stackName } = stack;
  const seed = `${stackName}/${logicalId}/${salt}`;
  const name = `${`${stackName}-${logicalId}`.slice(0, 50)}-${short(seed, 8)}`;
  switch (resource.Type) {
    case 'AWS::DynamoDB::GlobalTable':
    case 'AWS::DynamoDB::Table': {
      const arn = `arn:aws:dynamodb:${region}:${account}:table/${name}`;
      return { ref: name, attributes: { Arn: arn, StreamArn: `${arn}/stream/2026-01-01T00:00:00.000` } };
    }
    case 'AWS::SecretsManager::Secret': {
      const secretName = `${logicalId}-${short(seed, 12)}`;
      return {
        ref: `arn:aws:secretsmanager:${region}:${account}:secret:${secretName}-${short(`${seed}!`, 6)}`,
        attributes: {},
      };
    }
    case 'AWS::S3::Bucket': {
      const bucket = name.toLowerCase().replace(/[^a-z0-9-]/g, '-');
      return {
        ref: bucket,
        attributes: {
          Arn: `arn:aws:s3:::${bucket}`,
          DomainName: `${bucket}.s3.amazonaws.com`,
          RegionalDomainName: `${bucket}.s3.${region}.amazonaws.com`,
        },
      };
    }
    case 'AWS::Cognito::UserPool': {
      const id = `${region}_${short(seed, 9)}`;
      return {
        ref: id,
        attributes: {
          Arn: `arn:aws:cognito-idp:${region}:${account}:userpool/${id}`,
          ProviderName: `cognito-idp.${region}.amazonaws.com/${id}`,
          UserPoolId: id,
        },
      };
    }
    case 'AWS::Cognito::UserPoolClient':
      return { ref: short(seed, 26), attributes: {} };
    case 'AWS::ApiGatewayV2::Api': {
      const id = apiId(seed);
      const scheme = resource.Properties?.['ProtocolType'] === 'WEBSOCKET' ? 'wss' : 'https';
      return {
        ref: id,
        attributes: { ApiId: id, ApiEndpoint: `${scheme}://${id}.execute-api.${region}.amazonaws.com` },
      };
    }
    case 'AWS::Lambda::Function':
      return {
        ref: name,
        attributes: { Arn: `arn:aws:lambda:${region}:${account}:function:${name}` },
      };
    case 'AWS::IAM::Role':
      return { ref: name, attributes: { Arn: `arn:aws:iam::${account}:role/${name}`, RoleId: short(seed) } };
    case 'AWS::SNS::Topic':
      return {
        ref: `arn:aws:sns:${region}:${account}:${name}`,
        attributes: { TopicName: name, TopicArn: `arn:aws:sns:${region}:${account}:${name}` },
      };
    case 'AWS::SQS::Queue':
      return {
        ref: `https://sqs.${region}.amazonaws.com/${account}/${name}`,
        attributes: { Arn: `arn:aws:sqs:${region}:${account}:${name}`, QueueName: name },
      };
    case 'AWS::CloudFront::Distribution': {
      const id = `E${short(seed, 13).toUpperCase()}`;
      return { ref: id, attributes: { Id: id, DomainName: `d${short(seed, 13)}.cloudfront.net` } };
    }
    case 'AWS::CloudFront::Function': {
      const arn = `arn:aws:cloudfront::${account}:function/${name}`;
      return { ref: arn, attributes: { FunctionARN: arn, 'FunctionMetadata.FunctionARN': arn } };
    }
    case 'AWS::Lambda::Url':
      return {
        ref: name,
        attributes: { FunctionUrl: `https://${short(seed, 32)}.lambda-url.${region}.on.aws/` },
      };
    case 'AWS::Logs::LogGroup':
      return {
        ref: `/aws/harness/${name}`,
        attributes: { Arn: `arn:aws:logs:${region}:${account}:log-group:/aws/harness/${name}:*` },
      };
    default:
      return { ref: name, attributes: { Arn: `arn:aws:harness:${region}:${account}:${name}` } };
  }
}

export class Deployment {
  private readonly physical = new Map<string, Physical>();
  private readonly exports = new Map<string, { stack: AssemblyStack; value: Json }>();

  /** `salt` makes every deploy's names its own (two harnesses share one DynamoDB Local). */
  constructor(
    readonly assembly: Assembly,
    salt: string = randomUUID(),
  ) {
    for (const stack of assembly.stacks) {
      for (const [logicalId, resource] of Object.entries(stack.template.Resources)) {
        this.physical.set(`${stack.id}/${logicalId}`, physicalOf(stack, logicalId, resource, salt));
      }
    }
    // Properties that name the resource (SSM parameters) win over invented names.
    for (const stack of assembly.stacks) {
      for (const [logicalId, resource] of Object.entries(stack.template.Resources)) {
        if (resource.Type === 'AWS::SSM::Parameter' && resource.Properties?.['Name'] !== undefined) {
          this.physical.set(`${stack.id}/${logicalId}`, {
            ref: this.resolveString(stack, resource.Properties['Name']),
            attributes: {},
          });
        }
      }
    }
    for (const stack of assembly.stacks) {
      for (const output of Object.values(stack.template.Outputs ?? {})) {
        if (output.Export) {
          this.exports.set(this.resolveString(stack, output.Export.Name), { stack, value: output.Value });
        }
      }
    }
  }

  physicalOf(stack: AssemblyStack, logicalId: string): Physical {
    const found = this.physical.get(`${stack.id}/${logicalId}`);
    if (!found) throw new Error(`${stack.stackName}: no resource ${logicalId}`);
    return found;
  }

  /** The stack and logical id a physical ref belongs to (e.g. which function a name is). */
  logicalOf(ref: string): { stack: AssemblyStack; logicalId: string } | undefined {
    for (const stack of this.assembly.stacks) {
      for (const logicalId of Object.keys(stack.template.Resources)) {
        if (this.physical.get(`${stack.id}/${logicalId}`)?.ref === ref) return { stack, logicalId };
      }
    }
    return undefined;
  }

  resolveString(stack: AssemblyStack, value: Json): string {
    const resolved = this.resolve(stack, value);
    if (typeof resolved !== 'string') throw new Error(`not a string: ${JSON.stringify(value)}`);
    return resolved;
  }

  /** A template value with every intrinsic function evaluated. */
  resolve(stack: AssemblyStack, value: Json): Json {
    if (Array.isArray(value)) return value.map((item) => this.resolve(stack, item));
    if (value === null || typeof value !== 'object') return value;
    const keys = Object.keys(value);
    if (keys.length === 1) {
      const key = keys[0]!;
      const arg = value[key]!;
      switch (key) {
        case 'Ref':
          return this.ref(stack, String(arg));
        case 'Fn::GetAtt': {
          const [logicalId, attribute] = Array.isArray(arg) ? arg.map(String) : String(arg).split('.');
          const physical = this.physicalOf(stack, logicalId!);
          // Attributes no function reads at run time (ids of policies, origin access controls…) get a placeholder.
          return physical.attributes[attribute!] ?? `${physical.ref}.${attribute}`;
        }
        case 'Fn::ImportValue': {
          const name = this.resolveString(stack, arg);
          const exported = this.exports.get(name);
          if (!exported) throw new Error(`no export named ${name}`);
          return this.resolve(exported.stack, exported.value);
        }
        case 'Fn::Join': {
          const [separator, parts] = arg as [string, Json[]];
          return (this.resolve(stack, parts) as Json[]).map(String).join(separator);
        }
        case 'Fn::Select': {
          const [index, list] = arg as [Json, Json];
          return (this.resolve(stack, list) as Json[])[Number(this.resolve(stack, index))] ?? null;
        }
        case 'Fn::Split': {
          const [separator, text] = arg as [string, Json];
          return this.resolveString(stack, text).split(separator);
        }
        case 'Fn::Sub': {
          const [text, variables] = Array.isArray(arg)
            ? (arg as [string, Record<string, Json>])
            : [String(arg), {}];
          return text.replace(/\$\{([^}]+)\}/g, (_, name: string) => {
            if (name in variables) return this.resolveString(stack, variables[name]!);
            const [logicalId, attribute] = name.split('.');
            return attribute
              ? this.resolveString(stack, { 'Fn::GetAtt': [logicalId!, attribute] })
              : this.ref(stack, name);
          });
        }
        case 'Fn::FindInMap': {
          const [map, top, second] = (arg as Json[]).map((part) => this.resolveString(stack, part));
          const mappings = (
            stack.template as unknown as { Mappings?: Record<string, Record<string, Record<string, Json>>> }
          ).Mappings;
          const found = mappings?.[map!]?.[top!]?.[second!];
          if (found === undefined) throw new Error(`no mapping ${map}.${top}.${second}`);
          return found;
        }
      }
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.resolve(stack, v)]));
  }

  private ref(stack: AssemblyStack, name: string): string {
    switch (name) {
      case 'AWS::Region':
        return stack.region;
      case 'AWS::AccountId':
        return stack.account;
      case 'AWS::Partition':
        return 'aws';
      case 'AWS::URLSuffix':
        return 'amazonaws.com';
      case 'AWS::StackName':
        return stack.stackName;
      default:
        return this.physicalOf(stack, name).ref;
    }
  }
}
