/**
 * Each function's permissions exactly as its template grants them: the inline and attached policies of
 * its execution role, resolved against the harness deployment, evaluated by an IAM policy simulator
 * (`@cloud-copilot/iam-simulate`, docs/decisions/0304-artifact-harness.md) for every AWS call it makes.
 */
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { type Assembly, type Json, type ResourceRef, resourcesOfType } from './assembly.ts';
import type { Deployment } from './deployment.ts';

export interface PolicyDocument {
  readonly Version?: string;
  readonly Statement: readonly Record<string, Json>[];
}

export interface RolePolicies {
  readonly roleArn: string;
  readonly roleName: string;
  readonly documents: readonly { readonly name: string; readonly policy: PolicyDocument }[];
}

/** The role a function runs as (`Role: {Fn::GetAtt: [<role>, Arn]}`) with every policy attached to it. */
export function rolePoliciesOf(assembly: Assembly, deployment: Deployment, fn: ResourceRef): RolePolicies {
  const role = fn.resource.Properties?.['Role'] as { 'Fn::GetAtt'?: [string, string] } | undefined;
  const roleId = role?.['Fn::GetAtt']?.[0];
  if (!roleId) throw new Error(`${fn.logicalId}: role is not a role of its own stack`);
  const roleResource = fn.stack.template.Resources[roleId];
  if (roleResource?.Type !== 'AWS::IAM::Role') throw new Error(`${fn.logicalId}: ${roleId} is not a role`);
  const physical = deployment.physicalOf(fn.stack, roleId);
  const documents: { name: string; policy: PolicyDocument }[] = [];
  const inline = (roleResource.Properties?.['Policies'] ?? []) as {
    PolicyName: Json;
    PolicyDocument: Json;
  }[];
  for (const entry of inline) {
    documents.push({
      name: String(deployment.resolve(fn.stack, entry.PolicyName)),
      policy: deployment.resolve(fn.stack, entry.PolicyDocument) as unknown as PolicyDocument,
    });
  }
  const managed = (roleResource.Properties?.['ManagedPolicyArns'] ?? []) as Json[];
  if (managed.length > 0) {
    // The harness knows no AWS-managed policy's content: a function relying on one would be
    // judged on a guess. None of ours does (each role is its own, logs only: decision 0302).
    throw new Error(`${fn.logicalId}: role ${roleId} attaches managed policies the harness cannot read`);
  }
  for (const policy of resourcesOfType(assembly, 'AWS::IAM::Policy')) {
    if (policy.stack !== fn.stack) continue;
    const roles = (policy.resource.Properties?.['Roles'] ?? []) as { Ref?: string }[];
    if (!roles.some((entry) => entry.Ref === roleId)) continue;
    documents.push({
      name: policy.logicalId,
      policy: deployment.resolve(
        policy.stack,
        policy.resource.Properties!['PolicyDocument']!,
      ) as unknown as PolicyDocument,
    });
  }
  return { roleArn: physical.attributes['Arn']!, roleName: physical.ref, documents };
}

export type Decision = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

/** Asks the simulator whether `principal`'s policies allow `action` on `resource`; answers are cached. */
export class PolicyEvaluator {
  private readonly cache = new Map<string, Promise<Decision>>();

  constructor(
    private readonly policies: RolePolicies,
    private readonly account: string,
    private readonly functionName: string,
  ) {}

  check(action: string, resource: string): Promise<Decision> {
    const key = `${action} ${resource}`;
    let decision = this.cache.get(key);
    if (!decision) {
      decision = this.evaluate(action, resource);
      this.cache.set(key, decision);
    }
    return decision;
  }

  private async evaluate(action: string, resource: string): Promise<Decision> {
    const result = await runSimulation(
      {
        request: {
          principal: `arn:aws:sts::${this.account}:assumed-role/${this.policies.roleName}/${this.functionName}`,
          action,
          resource: { resource, accountId: this.account },
          contextVariables: {},
        },
        identityPolicies: this.policies.documents.map((document) => ({
          name: document.name,
          policy: document.policy,
        })),
        serviceControlPolicies: [],
        resourceControlPolicies: [],
      },
      {},
    );
    if (result.resultType === 'error') {
      return {
        allowed: false,
        reason: `the simulator refused the request: ${JSON.stringify(result.errors)}`,
      };
    }
    if (result.overallResult === 'Allowed') return { allowed: true };
    return {
      allowed: false,
      reason: `User: arn:aws:sts::${this.account}:assumed-role/${this.policies.roleName}/${this.functionName} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action (${result.overallResult})`,
    };
  }
}
