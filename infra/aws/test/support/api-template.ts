import type { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { Platform } from '../../src/platform.ts';

/** The API's stacks: the shared one (HTTP API, authorizer, schedules), one per area and the stage (decision 0350). */
export const apiStacks = (platform: Platform): Stack[] => [
  platform.api,
  ...platform.apiRoutes.values(),
  platform.apiStage,
];

/** The API's resources across its stacks, as one template (logical ids do not collide: they name handlers). */
export function apiTemplate(platform: Platform): Template {
  const resources = apiStacks(platform).map(
    (stack) => Template.fromStack(stack).toJSON()['Resources'] as object,
  );
  return Template.fromJSON({ Resources: Object.assign({}, ...resources) });
}
