/**
 * Cold-start configuration on AWS (docs/decisions/0303-aws-runtime-configuration.md).
 * - `<NAME>_ARN` (NAME one of SECRET_NAMES) names a Secrets Manager secret. Its value is read once per
 *   container, kept in this module and handed to the config module that needs it; it is never written
 *   to process.env and never logged. The Lambda configuration holds only the ARN.
 * - `<NAME>_PARAMETER` (NAME one of PARAMETER_NAMES) names an SSM parameter with a non-secret value
 *   another stack publishes (the site's URL, which the API stack cannot reference without a cycle);
 *   it becomes `process.env[NAME]`. It is read through the AWS Parameters and Secrets Lambda Extension
 *   (localhost HTTP), so no SSM client is bundled.
 * Locally none of these variables exist and nothing is loaded: the plain env values are used.
 * The module loads with a top-level await, so every handler that imports it (through
 * shared/services.ts) starts only after the values are there.
 */

import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { provideTraceSigningSecret } from '@chophien/core';

/** Secrets that may arrive by ARN. */
export const SECRET_NAMES = [
  'TRACE_SIGNING_SECRET',
  'STALL_CODE_SECRET',
  'ORIGIN_VERIFY_SECRET',
  // Alerts (functions/alerts/config.ts): VAPID keys for web push, Zalo ZNS credentials (JSON).
  'ALERTS_SECRET',
] as const;
export type SecretName = (typeof SECRET_NAMES)[number];

/** Non-secret settings that may arrive as an SSM parameter name. */
export const PARAMETER_NAMES = ['SITE_URL', 'PHOTOS_PUBLIC_URL'] as const;

type Env = Readonly<Record<string, string | undefined>>;

/** Reads each `<NAME>_ARN` secret (plain `<NAME>` wins: local runs and tests set it directly). */
export async function loadSecrets(
  env: Env,
  client?: Pick<SecretsManagerClient, 'send'>,
): Promise<ReadonlyMap<SecretName, string>> {
  const wanted = SECRET_NAMES.filter((name) => env[`${name}_ARN`] && !env[name]);
  const values = new Map<SecretName, string>();
  if (wanted.length === 0) return values;
  const sdk = await import('@aws-sdk/client-secrets-manager');
  const sm = client ?? new sdk.SecretsManagerClient({});
  await Promise.all(
    wanted.map(async (name) => {
      const arn = env[`${name}_ARN`]!;
      const result = await sm.send(new sdk.GetSecretValueCommand({ SecretId: arn }));
      // The error names the variable and the ARN, never a value.
      if (!result.SecretString) throw new Error(`${name}_ARN (${arn}) has no string value`);
      values.set(name, result.SecretString);
    }),
  );
  return values;
}

/** The Parameters and Secrets extension's HTTP interface inside the Lambda sandbox. */
export type ParameterFetch = (
  url: string,
  init: { headers: Record<string, string> },
) => Promise<{
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
}>;

/**
 * Waits between attempts at the extension (ms). It answers 400 "not ready to serve traffic" when asked
 * before it has started, which public reports show at cold start and under many simultaneous cold
 * starts; the artifact harness's stand-in answers so to every sandbox's first request. ~3 s in all,
 * well inside Lambda's 10 s init phase.
 */
export const EXTENSION_RETRY_DELAYS_MS = [20, 40, 80, 160, 320, 640, 1280] as const;

type ParameterResponse = Awaited<ReturnType<ParameterFetch>>;

/** The extension's answer, asked again while it is not ready (4xx "not ready", 5xx, refused connection). */
async function withRetry(
  ask: () => Promise<ParameterResponse>,
  delays: readonly number[] = EXTENSION_RETRY_DELAYS_MS,
): Promise<ParameterResponse> {
  for (let attempt = 0; ; attempt++) {
    const delay = delays[attempt];
    try {
      const response = await ask();
      const retriable = response.status === 400 || response.status === 429 || response.status >= 500;
      if (response.ok || !retriable || delay === undefined) return response;
    } catch (error) {
      if (delay === undefined) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

/** Reads each `<NAME>_PARAMETER` (plain `<NAME>` wins) through the extension. */
export async function loadParameters(
  env: Env,
  fetchParameter: ParameterFetch = fetch,
  options: { delays?: readonly number[] } = {},
): Promise<Record<string, string>> {
  const wanted = PARAMETER_NAMES.filter((name) => env[`${name}_PARAMETER`] && !env[name]);
  const values: Record<string, string> = {};
  if (wanted.length === 0) return values;
  const port = env['PARAMETERS_SECRETS_EXTENSION_HTTP_PORT'] ?? '2773';
  const token = env['AWS_SESSION_TOKEN'];
  if (!token) throw new Error('AWS_SESSION_TOKEN is missing: parameters are read only inside Lambda');
  await Promise.all(
    wanted.map(async (name) => {
      const parameter = env[`${name}_PARAMETER`]!;
      const url = `http://localhost:${port}/systemsmanager/parameters/get?name=${encodeURIComponent(parameter)}`;
      const response = await withRetry(
        () => fetchParameter(url, { headers: { 'X-Aws-Parameters-Secrets-Token': token } }),
        options.delays,
      );
      if (!response.ok) {
        // 404 before the site stack's first deploy: the functions that need the URL fail until it exists.
        throw new Error(`${name}_PARAMETER (${parameter}): the extension answered ${response.status}`);
      }
      const body = (await response.json()) as { Parameter?: { Value?: string } } | undefined;
      const value = body?.Parameter?.Value;
      if (!value) throw new Error(`${name}_PARAMETER (${parameter}) has no value`);
      values[name] = value;
    }),
  );
  return values;
}

let secrets: ReadonlyMap<SecretName, string> = new Map();

/** Loads everything the env names and hands it over; exported for tests, run once below. */
export async function loadColdStartConfig(
  env: Record<string, string | undefined>,
  options: { client?: Pick<SecretsManagerClient, 'send'>; fetchParameter?: ParameterFetch } = {},
): Promise<void> {
  const [loaded, parameters] = await Promise.all([
    loadSecrets(env, options.client),
    loadParameters(env, options.fetchParameter),
  ]);
  secrets = loaded;
  Object.assign(env, parameters);
  const trace = loaded.get('TRACE_SIGNING_SECRET');
  if (trace) provideTraceSigningSecret(trace);
}

/** A secret loaded at cold start from `<name>_ARN`; undefined when it was not named by ARN. */
export const loadedSecret = (name: SecretName): string | undefined => secrets.get(name);

await loadColdStartConfig(process.env);
