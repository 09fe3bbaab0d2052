import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { stallCheckCode } from '../src/standee/index.ts';

const BIN = fileURLToPath(new URL('../bin/vietqr.js', import.meta.url));
// Each case starts a real node process with tsx: slow on a loaded machine, so a generous timeout.
const TIMEOUT = 60_000;

function run(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { encoding: 'utf8', env }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs the CLI without the stall secret, whatever the calling environment has. */
function vietqr(...args: string[]) {
  const { VIETQR_STALL_SECRET: _unused, ...env } = process.env;
  return run(args, env);
}

const SPEC_613 =
  '00020101021238570010A00000072701270006970403011300110123456780208QRIBFTTA530370454061800005802VN62340107NPS68690819thanh toan don hang63042E2E';

describe('vietqr CLI (child process)', () => {
  it(
    'encode prints the payload',
    async () => {
      const r = await vietqr(
        'encode',
        '--bin',
        '970436',
        '--account',
        '0011001234567',
        '--amount',
        '50000',
        '--purpose',
        'DH 123',
      );
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(
        '00020101021238570010A00000072701270006970436011300110012345670208QRIBFTTA53037045405500005802VN62100806DH 1236304F5EC\n',
      );
    },
    TIMEOUT,
  );

  it(
    'decode prints JSON and exits 0 for a valid payload',
    async () => {
      const r = await vietqr('decode', SPEC_613);
      expect(r.code).toBe(0);
      const json = JSON.parse(r.stdout);
      expect(json.data).toMatchObject({ bin: '970403', accountNumber: '0011012345678', amount: 180000 });
      expect(json.data.additional.purpose).toBe('thanh toan don hang');
    },
    TIMEOUT,
  );

  it(
    'decode exits 1 with coded errors on stderr for an invalid payload',
    async () => {
      const r = await vietqr('decode', `${SPEC_613.slice(0, -4)}2E2F`);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('CRC_MISMATCH 63');
    },
    TIMEOUT,
  );

  it(
    'exits 2 on usage errors and on invalid encode input',
    async () => {
      for (const args of [
        [],
        ['frob'],
        ['encode', '--bin', '970436'],
        ['encode', '--nope'],
        ['encode', '--bin', 'VCB', '--account', '1', '--amount', '5.5'],
      ]) {
        const r = await vietqr(...args);
        expect(r.code, args.join(' ')).toBe(2);
        expect(r.stderr.length).toBeGreaterThan(0);
      }
      const long = await vietqr('encode', '--bin', 'VCB', '--account', '1', '--purpose', 'x'.repeat(30));
      expect(long.code).toBe(2);
      expect(long.stderr).toContain('VALUE_TOO_LONG');
    },
    TIMEOUT,
  );

  it(
    'svg writes an SVG file from encode options, and refuses an invalid payload with exit 1',
    async () => {
      const out = join(mkdtempSync(join(tmpdir(), 'vietqr-')), 'qr.svg');
      const r = await vietqr('svg', '--bin', 'VCB', '--account', '0011001234567', '-o', out);
      expect(r.code).toBe(0);
      expect(readFileSync(out, 'utf8')).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      const bad = await vietqr('svg', 'not-a-payload');
      expect(bad.code).toBe(1);
    },
    TIMEOUT,
  );

  it(
    'standee writes an A6 SVG, with the check code computed from VIETQR_STALL_SECRET',
    async () => {
      const out = join(mkdtempSync(join(tmpdir(), 'vietqr-')), 'stall.svg');
      const args = [
        'standee',
        '--market',
        'Chợ phiên Đồng Văn',
        '--stall',
        '12',
        '--stall-code',
        'HG-DV-012',
      ];
      const rest = ['--vendor', 'Bà Hoà', '--bin', 'VCB', '--account', '0011001235678', '-o', out];
      const r = await vietqr(...args, ...rest);
      expect(r.code).toBe(2);
      const ok = await run([...args, ...rest], { ...process.env, VIETQR_STALL_SECRET: 's3cret' });
      expect(ok.code).toBe(0);
      const svg = readFileSync(out, 'utf8');
      expect(svg).toContain('Chợ phiên Đồng Văn');
      expect(svg).toContain(stallCheckCode('s3cret', 'HG-DV-012', '0011001235678'));
    },
    TIMEOUT,
  );
});
