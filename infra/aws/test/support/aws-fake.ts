/**
 * A loopback fake of the three AWS calls `sst build` (SST v2) makes before synthesizing:
 * STS GetCallerIdentity, and CloudFormation DescribeStacks for `CDKToolkit` and `SSTBootstrap`
 * (both AWS query protocol: form-encoded POST, XML answer). Every request is recorded so a test
 * can assert exactly which calls were made. Binds 127.0.0.1 only.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const FAKE_ACCOUNT = '000000000000';

export interface RecordedCall {
  readonly method: string;
  readonly path: string;
  readonly host: string;
  readonly action: string;
  readonly params: Readonly<Record<string, string>>;
}

export interface AwsFake {
  readonly url: string;
  readonly calls: readonly RecordedCall[];
  close(): Promise<void>;
}

const CFN_NS = 'http://cloudformation.amazonaws.com/doc/2010-05-15/';
const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

function outputs(entries: Record<string, string>): string {
  return Object.entries(entries)
    .map(([k, v]) => `<member><OutputKey>${k}</OutputKey><OutputValue>${v}</OutputValue></member>`)
    .join('');
}

function describeStack(name: string, region: string): string | undefined {
  const stackOutputs: Record<string, Record<string, string>> = {
    CDKToolkit: { BootstrapVersion: '28', BucketName: `cdk-hnb659fds-assets-${FAKE_ACCOUNT}-${region}` },
    // SST's bootstrap stack; Version must match sst@2.49.8's LATEST_VERSION ("7.4") to skip re-bootstrap.
    SSTBootstrap: { Version: '7.4', BucketName: `sstbootstrap-${region}-fake` },
  };
  const out = stackOutputs[name];
  if (!out) return undefined;
  return (
    `<DescribeStacksResponse xmlns="${CFN_NS}"><DescribeStacksResult><Stacks><member>` +
    `<StackName>${name}</StackName>` +
    `<StackId>arn:aws:cloudformation:${region}:${FAKE_ACCOUNT}:stack/${name}/00000000-0000-0000-0000-000000000000</StackId>` +
    '<CreationTime>2026-01-01T00:00:00Z</CreationTime><StackStatus>UPDATE_COMPLETE</StackStatus>' +
    `<Outputs>${outputs(out)}</Outputs>` +
    '</member></Stacks></DescribeStacksResult>' +
    '<ResponseMetadata><RequestId>fake-describe</RequestId></ResponseMetadata></DescribeStacksResponse>'
  );
}

function regionOf(authorization: string | undefined): string {
  return /Credential=[^/]+\/\d+\/([^/]+)\//.exec(authorization ?? '')?.[1] ?? 'ap-southeast-1';
}

export async function startAwsFake(): Promise<AwsFake> {
  const calls: RecordedCall[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const params = Object.fromEntries(new URLSearchParams(body));
      const action = params['Action'] ?? '';
      calls.push({
        method: req.method ?? '',
        path: req.url ?? '',
        host: req.headers.host ?? '',
        action,
        params,
      });
      const region = regionOf(req.headers.authorization);
      const send = (status: number, xml: string) => {
        res.writeHead(status, { 'content-type': 'text/xml', 'x-amzn-requestid': `fake-${calls.length}` });
        res.end(xml);
      };
      if (action === 'GetCallerIdentity') {
        send(
          200,
          `<GetCallerIdentityResponse xmlns="${STS_NS}"><GetCallerIdentityResult>` +
            `<Arn>arn:aws:iam::${FAKE_ACCOUNT}:user/loopback-fake</Arn><UserId>AIDALOOPBACKFAKE</UserId>` +
            `<Account>${FAKE_ACCOUNT}</Account></GetCallerIdentityResult>` +
            '<ResponseMetadata><RequestId>fake-sts</RequestId></ResponseMetadata></GetCallerIdentityResponse>',
        );
        return;
      }
      if (action === 'DescribeStacks') {
        const xml = describeStack(params['StackName'] ?? '', region);
        if (xml) {
          send(200, xml);
          return;
        }
        send(
          400,
          `<ErrorResponse xmlns="${CFN_NS}"><Error><Type>Sender</Type><Code>ValidationError</Code>` +
            `<Message>Stack with id ${params['StackName']} does not exist</Message></Error>` +
            '<RequestId>fake-missing</RequestId></ErrorResponse>',
        );
        return;
      }
      send(
        400,
        `<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>loopback fake: ${action || req.url} is not faked</Message></Error><RequestId>fake</RequestId></ErrorResponse>`,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}
