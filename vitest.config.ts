import { defineConfig } from 'vitest/config';

// Five suites, each runnable alone (`npm run test:<name>`); `npm test` runs them in order.
// "unit" is offline (mocks allowed); "integration" and "e2e" are connected to real DynamoDB Local.
// Handlers log structured JSON; in tests only errors are worth reading (hostile-input runs log thousands of rejections).
const env = { POWERTOOLS_LOG_LEVEL: 'ERROR', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          env,
          include: [
            'packages/*/test/**/*.test.ts',
            'functions/test/**/*.test.ts',
            'infra/local/test/**/*.test.ts',
          ],
        },
      },
      {
        test: {
          name: 'integration',
          env,
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/dynamodb-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'cdk',
          env,
          include: ['infra/aws/test/**/*.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
      {
        // The synthesized bundles run under their own IAM on loopback stand-ins (infra/aws/harness).
        test: {
          name: 'artifacts',
          env,
          include: ['test/artifacts/**/*.test.ts'],
          globalSetup: ['test/artifacts/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 900_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          env,
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
