/**
 * sst.config.ts really works: `npx sst build` (SST v2, CDK-based) runs as a child process against a
 * loopback fake of the only three AWS calls it makes, and produces the same stacks, with the same
 * logical resources per stack, as `npm run synth` (the CDK app).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRepoRoot } from '../src/paths.ts';
import { platformStackIds } from '../src/platform.ts';
import { type AwsFake, startAwsFake } from './support/aws-fake.ts';

const repoRoot = findRepoRoot();
// One API stack per area of the route table (decision 0350), named the same by both entry points.
const areas = platformStackIds();
const STAGE = 'ci';

interface Run {
  readonly code: number | null;
  readonly output: string;
}

/** Async on purpose: the fake answers from this process's event loop while the child runs. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/**
 * The environment without any real AWS configuration (no profile, keys or endpoints) and without
 * vitest's NODE_ENV=test, which would make SST skip its bootstrap lookups (App.isRunningSSTTest).
 */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(AWS_|CDK_|SST_|VITEST)/.test(key) || key === 'NODE_ENV') continue;
    env[key] = value;
  }
  return env;
}

type Resources = Record<string, { Type: string }>;
interface StackTemplate {
  Resources: Resources;
  Outputs?: Record<string, unknown>;
}

const readTemplate = (dir: string, artifact: string): StackTemplate =>
  JSON.parse(readFileSync(join(dir, `${artifact}.template.json`), 'utf8')) as StackTemplate;

/**
 * Lambda permissions that CloudFront OAC and EventBridge targets add are named after the stack's
 * construct path (stage-specific), so only their count and type can be compared.
 */
const STACK_NAMED = /InvokeFromApiFor|AllowEventRule/;
/** SST v2 adds a custom-resource provider to each of its stacks (unused by our constructs). */
const SST_ONLY = /^CustomResourceHandler/;

function comparable(resources: Resources) {
  const named: Record<string, string> = {};
  const stackNamed: string[] = [];
  for (const [id, { Type }] of Object.entries(resources)) {
    if (SST_ONLY.test(id)) continue;
    if (STACK_NAMED.test(id)) stackNamed.push(Type);
    else named[id] = Type;
  }
  return { named, stackNamed: stackNamed.sort() };
}

let fake: AwsFake;
let sst: Run;
let cdk: Run;
// Persistent (git-ignored) so unchanged handler bundles are reused between runs.
const sstOut = join(repoRoot, 'infra', 'aws', 'dist', 'sst.out');

// Cold, each of these bundles every handler (about 2 s per handler on an idle 2-core machine).
beforeAll(async () => {
  // The CDK app first (also builds the storefront once; sst build then finds it cached).
  cdk = await run('npm', ['run', 'synth'], cleanEnv());
}, 900_000);

beforeAll(async () => {
  fake = await startAwsFake();
  sst = await run('npx', ['sst', 'build', '--stage', STAGE, '--to', sstOut], {
    ...cleanEnv(),
    AWS_ENDPOINT_URL: fake.url,
    AWS_ENDPOINT_URL_STS: fake.url,
    AWS_ENDPOINT_URL_CLOUDFORMATION: fake.url,
    AWS_ACCESS_KEY_ID: 'AKIDLOOPBACKFAKE',
    AWS_SECRET_ACCESS_KEY: 'loopback-fake-secret',
    AWS_REGION: 'ap-southeast-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    SST_TELEMETRY_DISABLED: '1',
    NO_COLOR: '1',
  });
}, 900_000);

afterAll(async () => {
  await fake?.close();
});

describe('sst build (SST v2) against a loopback AWS fake', () => {
  it('npm run synth succeeds offline', () => {
    expect(cdk.code, cdk.output).toBe(0);
  });

  it('builds every stack of the CDK app', () => {
    expect(sst.code, sst.output).toBe(0);
    expect(sst.output).toMatch(new RegExp(`Built: ${areas.length} stacks`));
  });

  it('makes exactly the three expected AWS calls, all to the loopback fake', () => {
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(fake.calls.map((c) => [c.action, c.params['StackName'] ?? null])).toEqual([
      ['GetCallerIdentity', null],
      ['DescribeStacks', 'CDKToolkit'],
      ['DescribeStacks', 'SSTBootstrap'],
    ]);
    for (const call of fake.calls) expect(call.host).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  it.each(areas)('%s: same logical resources (and types) as the CDK app', (area) => {
    const fromCdk = readTemplate(join(repoRoot, 'infra', 'aws', 'cdk.out'), area);
    const fromSst = readTemplate(sstOut, `${STAGE}-chophien-${area}`);
    expect(comparable(fromSst.Resources)).toEqual(comparable(fromCdk.Resources));
    expect(Object.keys(fromCdk.Resources).length).toBeGreaterThan(0);
    const outputs = (t: StackTemplate) =>
      Object.keys(t.Outputs ?? {})
        .filter((k) => k !== 'SSTMetadata')
        .sort();
    expect(outputs(fromSst)).toEqual(outputs(fromCdk));
  });
});
