/**
 * The synthesized cloud assembly (`cdk.out`) read as CloudFormation would receive it: the stack
 * templates and the asset folders their Lambda functions point at. Nothing here looks at the CDK
 * constructs: what the harness runs is what a deploy would upload.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, Json>;
  readonly DependsOn?: Json;
}

export interface CfnTemplate {
  readonly Resources: Record<string, CfnResource>;
  readonly Outputs?: Record<string, { Value: Json; Export?: { Name: Json } }>;
}

export interface AssemblyStack {
  /** Artifact id (`Api`, `Data`…). */
  readonly id: string;
  readonly stackName: string;
  readonly template: CfnTemplate;
  readonly region: string;
  readonly account: string;
}

export interface Assembly {
  readonly dir: string;
  readonly stacks: readonly AssemblyStack[];
}

interface Manifest {
  artifacts: Record<
    string,
    {
      type: string;
      environment?: string;
      properties?: { templateFile?: string; stackName?: string };
    }
  >;
}

export function readAssembly(dir: string): Assembly {
  const manifestFile = join(dir, 'manifest.json');
  if (!existsSync(manifestFile)) throw new Error(`no cloud assembly in ${dir}: synthesize first`);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
  const stacks: AssemblyStack[] = [];
  for (const [id, artifact] of Object.entries(manifest.artifacts)) {
    if (artifact.type !== 'aws:cloudformation:stack' || !artifact.properties?.templateFile) continue;
    const [, account = '000000000000', region = 'ap-southeast-1'] =
      /^aws:\/\/([^/]+)\/(.+)$/.exec(artifact.environment ?? '') ?? [];
    stacks.push({
      id,
      stackName: artifact.properties.stackName ?? id,
      template: JSON.parse(readFileSync(join(dir, artifact.properties.templateFile), 'utf8')) as CfnTemplate,
      region,
      account,
    });
  }
  return { dir, stacks };
}

export interface ResourceRef {
  readonly stack: AssemblyStack;
  readonly logicalId: string;
  readonly resource: CfnResource;
}

export function resourcesOfType(assembly: Assembly, type: string): ResourceRef[] {
  return assembly.stacks.flatMap((stack) =>
    Object.entries(stack.template.Resources)
      .filter(([, resource]) => resource.Type === type)
      .map(([logicalId, resource]) => ({ stack, logicalId, resource })),
  );
}

/** The asset folder of a function's code (`Code.S3Key` is `<asset hash>.zip`). */
export function assetDirOf(assembly: Assembly, fn: ResourceRef): string {
  const code = fn.resource.Properties?.['Code'] as { S3Key?: unknown } | undefined;
  const key = code?.S3Key;
  if (typeof key !== 'string') throw new Error(`${fn.logicalId}: no asset S3Key (inline code?)`);
  const dir = join(assembly.dir, `asset.${key.replace(/\.zip$/, '')}`);
  if (!existsSync(dir)) throw new Error(`${fn.logicalId}: asset folder ${dir} is missing`);
  return dir;
}
