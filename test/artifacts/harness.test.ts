/**
 * The harness itself: bundles run in Lambda's Node major, and the IAM check can fail — a function
 * whose role lacks a grant it uses gets AccessDenied from the stand-in, exactly where AWS would refuse.
 */
import { describe, expect, it } from 'vitest';
import type { Assembly } from '../../infra/aws/harness/assembly.ts';
import { lambdaNode } from '../../infra/aws/harness/sandbox.ts';
import { useHarness } from './support.ts';

const healthPolicyWithout = (action: string) => (assembly: Assembly) => {
  // Routes and their functions live in their area's stack (decision 0350): system/health in ApiSystem.
  const api = assembly.stacks.find((stack) => stack.id === 'ApiSystem')!;
  const [roleId] = Object.entries(api.template.Resources).find(
    ([, r]) =>
      r.Type === 'AWS::IAM::Role' &&
      String(r.Properties?.['Description']).startsWith('chophien system/health:'),
  )!;
  for (const resource of Object.values(api.template.Resources)) {
    if (resource.Type !== 'AWS::IAM::Policy') continue;
    if (!(resource.Properties!['Roles'] as { Ref: string }[]).some((r) => r.Ref === roleId)) continue;
    const document = resource.Properties!['PolicyDocument'] as { Statement: { Action: string | string[] }[] };
    for (const statement of document.Statement) {
      const actions = ([] as string[]).concat(statement.Action).filter((a) => a !== action);
      statement.Action = actions;
    }
  }
};

describe('the sandbox', () => {
  const harness = useHarness();

  it('runs the Lambda runtime major (nodejs22.x) from the registry package, not the dev machine Node', () => {
    const runtimes = new Set(
      harness()
        .harness.functionSpecs()
        .map((spec) => spec.runtime),
    );
    expect([...runtimes]).toEqual(['nodejs22.x']);
    const node = lambdaNode('nodejs22.x');
    expect(node.matchesRuntime, `${node.path} is ${node.version}`).toBe(true);
  });

  it('answers GET /health from the bundle in cdk.out, reading the table under its own role', async () => {
    const response = await harness().request(`${harness().apiUrl}/health`);
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ status: 'ok', table: 'ok' });
    expect(harness().harness.aws.denials()).toEqual([]);
    const call = harness().harness.aws.calls.find((c) => c.operation === 'GetItem');
    expect(call?.caller).toMatch(/SystemHealth/);
  });
});

describe('the Parameters and Secrets extension at cold start', () => {
  const harness = useHarness();

  it('a function reading the site URL through it starts although its first answer is "not ready"', async () => {
    const response = await harness().request(`${harness().apiUrl}/l/NOPE-1`, {
      headers: { accept: 'application/json' },
    });
    expect(response.status).toBeLessThan(500);
    expect(harness().harness.aws.extensionNotReadyAnswers).toBeGreaterThan(0);
  });
});

describe('a role without the grant its code uses', () => {
  const harness = useHarness({ transform: healthPolicyWithout('dynamodb:GetItem') });

  it('fails with AccessDenied from the AWS stand-in (so the check itself can fail)', async () => {
    const response = await harness().request(`${harness().apiUrl}/health`);
    expect(response.status).toBe(500);
    const [denial] = harness().harness.aws.denials();
    expect(denial).toMatchObject({ service: 'dynamodb', operation: 'GetItem' });
    expect(denial!.denied).toMatch(
      /is not authorized to perform: dynamodb:GetItem on resource: arn:aws:dynamodb:/,
    );
    const logs = harness().harness.functionFor('system/health').recentLogs();
    expect(logs).toMatch(/AccessDeniedException/);
  });
});
