/**
 * The cold-start loader (functions/shared/secrets.ts) with Secrets Manager mocked: values named by
 * `<NAME>_ARN` reach the config modules and never process.env; plain env wins (local runs); SSM
 * parameters come through the Lambda extension's HTTP interface with the session token.
 */
import {
  GetSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { readTraceConfig, traceConfig } from '@chophien/core';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readMarketsConfig } from '../markets/config.ts';
import {
  loadColdStartConfig,
  loadedSecret,
  loadParameters,
  loadSecrets,
  type ParameterFetch,
} from '../shared/secrets.ts';

const TRACE_ARN =
  'arn:aws:secretsmanager:ap-southeast-1:111122223333:secret:chophien/prod/trace-signing-AbCdEf';
const STALL_ARN =
  'arn:aws:secretsmanager:ap-southeast-1:111122223333:secret:chophien/prod/stall-codes-GhIjKl';
const traceValue = 't'.repeat(48);
const stallValue = 's'.repeat(40);

const sm = mockClient(SecretsManagerClient);
const client = new SecretsManagerClient({ region: 'ap-southeast-1' });

beforeEach(() => {
  sm.reset();
  sm.on(GetSecretValueCommand, { SecretId: TRACE_ARN }).resolves({ SecretString: traceValue });
  sm.on(GetSecretValueCommand, { SecretId: STALL_ARN }).resolves({ SecretString: stallValue });
});

describe('loadSecrets', () => {
  it('reads each <NAME>_ARN once and returns the values by name', async () => {
    const loaded = await loadSecrets(
      { TRACE_SIGNING_SECRET_ARN: TRACE_ARN, STALL_CODE_SECRET_ARN: STALL_ARN },
      client,
    );
    expect(loaded.get('TRACE_SIGNING_SECRET')).toBe(traceValue);
    expect(loaded.get('STALL_CODE_SECRET')).toBe(stallValue);
    expect(
      sm
        .commandCalls(GetSecretValueCommand)
        .map((c) => c.args[0].input.SecretId)
        .sort(),
    ).toEqual([STALL_ARN, TRACE_ARN].sort());
  });

  it('calls nothing when the env names no secret or already holds the plain value (local)', async () => {
    expect((await loadSecrets({ CHOPHIEN_MODE: 'local' }, client)).size).toBe(0);
    const plain = await loadSecrets(
      { TRACE_SIGNING_SECRET: traceValue, TRACE_SIGNING_SECRET_ARN: TRACE_ARN },
      client,
    );
    expect(plain.size).toBe(0);
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(0);
  });

  it('fails the cold start when a named secret is missing or empty, without printing a value', async () => {
    sm.on(GetSecretValueCommand, { SecretId: TRACE_ARN }).rejects(
      new ResourceNotFoundException({ message: 'not found', $metadata: {} }),
    );
    await expect(loadSecrets({ TRACE_SIGNING_SECRET_ARN: TRACE_ARN }, client)).rejects.toThrow(/not found/);
    sm.on(GetSecretValueCommand, { SecretId: STALL_ARN }).resolves({ SecretBinary: new Uint8Array([1]) });
    await expect(loadSecrets({ STALL_CODE_SECRET_ARN: STALL_ARN }, client)).rejects.toThrow(
      /STALL_CODE_SECRET_ARN .* has no string value/,
    );
  });
});

describe('loadParameters', () => {
  const calls: { url: string; token: string | undefined }[] = [];
  const extension =
    (values: Record<string, string>): ParameterFetch =>
    async (url, init) => {
      const name = new URL(url).searchParams.get('name')!;
      calls.push({ url, token: init.headers['X-Aws-Parameters-Secrets-Token'] });
      const value = values[name];
      return {
        ok: value !== undefined,
        status: value === undefined ? 404 : 200,
        json: async () => ({ Parameter: { Name: name, Value: value } }),
      };
    };
  afterEach(() => {
    calls.length = 0;
  });

  it('asks the extension on its port with the session token', async () => {
    const values = await loadParameters(
      {
        SITE_URL_PARAMETER: '/chophien/prod/site-url',
        AWS_SESSION_TOKEN: 'session',
        PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: '2773',
      },
      extension({ '/chophien/prod/site-url': 'https://d111.cloudfront.net' }),
    );
    expect(values).toEqual({ SITE_URL: 'https://d111.cloudfront.net' });
    expect(calls).toEqual([
      {
        url: 'http://localhost:2773/systemsmanager/parameters/get?name=%2Fchophien%2Fprod%2Fsite-url',
        token: 'session',
      },
    ]);
  });

  it('keeps a plain value and fails loudly on a parameter that does not exist yet', async () => {
    expect(
      await loadParameters(
        { SITE_URL: 'https://chophien.vn', SITE_URL_PARAMETER: '/x', AWS_SESSION_TOKEN: 's' },
        extension({}),
      ),
    ).toEqual({});
    expect(calls).toHaveLength(0);
    await expect(
      loadParameters(
        { SITE_URL_PARAMETER: '/chophien/prod/site-url', AWS_SESSION_TOKEN: 's' },
        extension({}),
      ),
    ).rejects.toThrow(/SITE_URL_PARAMETER .* answered 404/);
  });

  it('asks again while the extension is not ready (400), then reads the value', async () => {
    let asked = 0;
    const startingUp: ParameterFetch = async (url, init) => {
      asked++;
      if (asked <= 2) return { ok: false, status: 400, json: async () => 'not ready to serve traffic' };
      return extension({ '/p': 'https://d111.cloudfront.net' })(url, init);
    };
    const values = await loadParameters({ SITE_URL_PARAMETER: '/p', AWS_SESSION_TOKEN: 's' }, startingUp, {
      delays: [0, 0, 0],
    });
    expect(values).toEqual({ SITE_URL: 'https://d111.cloudfront.net' });
    expect(asked).toBe(3);
  });

  it('gives up after its last attempt with the extension’s last answer', async () => {
    const neverReady: ParameterFetch = async () => ({ ok: false, status: 400, json: async () => ({}) });
    await expect(
      loadParameters({ SITE_URL_PARAMETER: '/p', AWS_SESSION_TOKEN: 's' }, neverReady, { delays: [0, 0] }),
    ).rejects.toThrow(/answered 400/);
  });
});

describe('loadColdStartConfig', () => {
  it('hands the values to the trace and markets config, and never to the environment', async () => {
    const env: Record<string, string | undefined> = {
      CHOPHIEN_MODE: 'aws',
      TRACE_SIGNING_SECRET_ARN: TRACE_ARN,
      STALL_CODE_SECRET_ARN: STALL_ARN,
      SITE_URL_PARAMETER: '/chophien/prod/site-url',
      AWS_SESSION_TOKEN: 'session',
    };
    await loadColdStartConfig(env, {
      client,
      fetchParameter: async () => ({
        ok: true,
        status: 200,
        json: async () => ({ Parameter: { Value: 'https://d111.cloudfront.net' } }),
      }),
    });
    expect(env['SITE_URL']).toBe('https://d111.cloudfront.net');
    expect(JSON.stringify(env)).not.toContain(traceValue);
    expect(JSON.stringify(env)).not.toContain(stallValue);
    expect(loadedSecret('STALL_CODE_SECRET')).toBe(stallValue);
    expect(
      readMarketsConfig(env, { stallCodeSecret: loadedSecret('STALL_CODE_SECRET') }).stallCodeSecret,
    ).toBe(stallValue);
    // traceConfig() reads process.env; the provided value fills TRACE_SIGNING_SECRET_ARN's place.
    const saved = { ...process.env };
    try {
      Object.assign(process.env, {
        CHOPHIEN_MODE: 'aws',
        TRACE_SIGNING_SECRET_ARN: TRACE_ARN,
        SITE_URL: 'https://chophien.vn',
      });
      delete process.env['TRACE_SIGNING_SECRET'];
      expect(traceConfig().signingSecret).toBe(traceValue);
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    }
  });
});

describe('config modules', () => {
  it('refuse an ARN whose value was never loaded, and accept the plain value locally', () => {
    const aws = { CHOPHIEN_MODE: 'aws', SITE_URL: 'https://chophien.vn' };
    expect(() => readTraceConfig({ ...aws, TRACE_SIGNING_SECRET_ARN: TRACE_ARN })).toThrow(
      /TRACE_SIGNING_SECRET_ARN is set but its value was not loaded/,
    );
    expect(
      readTraceConfig({ ...aws, TRACE_SIGNING_SECRET_ARN: TRACE_ARN }, { signingSecret: traceValue })
        .signingSecret,
    ).toBe(traceValue);
    expect(readTraceConfig({ ...aws, TRACE_SIGNING_SECRET: traceValue }).signingSecret).toBe(traceValue);
    expect(() => readMarketsConfig({ CHOPHIEN_MODE: 'aws', STALL_CODE_SECRET_ARN: STALL_ARN })).toThrow(
      /STALL_CODE_SECRET_ARN is set but its value was not loaded/,
    );
    // Routes without `stallCodes` get neither variable: the config stands, the secret is simply absent.
    expect(readMarketsConfig({ CHOPHIEN_MODE: 'aws' }).stallCodeSecret).toBeUndefined();
    expect(readMarketsConfig({ CHOPHIEN_MODE: 'local' }).stallCodeSecret).toBeTruthy();
  });
});
