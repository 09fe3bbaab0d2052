/**
 * `vietqr` command line. Exit codes: 0 valid/done, 1 invalid payload, 2 usage or input error.
 * Results go to stdout, diagnostics to stderr, so the output can be piped.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { findBank, listBanks } from './banks.ts';
import { buildVietQR } from './build.ts';
import { VietQRBuildError, type VietQRIssue } from './errors.ts';
import { parseVietQR } from './parse.ts';
import { toPng, toSvg, VietQRRenderError } from './render/index.ts';
import { stallCheckCode, stallStandeeSvg } from './standee/index.ts';
import type { VietQRInput } from './types.ts';

export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;

const USAGE = `vietqr – mã VietQR (NAPAS247) / VietQR codes

Cách dùng / Usage:
  vietqr decode <payload|->            giải mã, in JSON / decode, print JSON
  vietqr encode --bin <BIN|tên> --account <STK> [tùy chọn]
                                       tạo chuỗi mã / print the payload
  vietqr svg  (<payload> | --bin … --account …) [-o file.svg]
  vietqr png  (<payload> | --bin … --account …) -o file.png
  vietqr banks [tên|BIN]               danh bạ ngân hàng / bank directory
  vietqr standee --market <tên> --stall <số> --stall-code <mã> --vendor <tên>
                 --bin … --account … [--check-code <mã>] [-o file.svg]
                                       bảng QR sạp A6 / A6 stall standee SVG;
                                       không có --check-code thì tính từ biến môi trường
                                       VIETQR_STALL_SECRET / without --check-code it is
                                       computed from VIETQR_STALL_SECRET

Tùy chọn tạo mã / encode options:
  --bin <BIN|name>        BIN 6 số hoặc tên ngân hàng (VCB, Vietcombank…)
  --account <number>      số tài khoản / thẻ (≤ 19 ký tự)
  --card                  chuyển đến số thẻ (QRIBFTTC) thay vì tài khoản
  --amount <VND>          số tiền, số nguyên / integer VND
  --purpose <text>        nội dung chuyển khoản (62.08, ≤ 25)
  --bill <text>           số hóa đơn (62.01)    --reference <text> (62.05)
  --store <text>          mã cửa hàng (62.03)   --terminal <text>  (62.07)
  --merchant-name <text>  (59, ≤ 25)            --merchant-city <text> (60, ≤ 15)
  --mcc <4 digits>        (52)
  --static | --dynamic    ghi đè phương thức khởi tạo (01)
  --truncate              cắt bớt văn bản quá dài thay vì báo lỗi

Mã thoát / exit codes: 0 hợp lệ/valid, 1 mã không hợp lệ/invalid payload, 2 sai cách dùng/usage error.
`;

class UsageError extends Error {}

const OPTIONS = {
  bin: { type: 'string' },
  account: { type: 'string' },
  card: { type: 'boolean' },
  amount: { type: 'string' },
  purpose: { type: 'string' },
  bill: { type: 'string' },
  reference: { type: 'string' },
  store: { type: 'string' },
  terminal: { type: 'string' },
  'merchant-name': { type: 'string' },
  'merchant-city': { type: 'string' },
  mcc: { type: 'string' },
  static: { type: 'boolean' },
  dynamic: { type: 'boolean' },
  truncate: { type: 'boolean' },
  market: { type: 'string' },
  stall: { type: 'string' },
  'stall-code': { type: 'string' },
  vendor: { type: 'string' },
  'check-code': { type: 'string' },
  output: { type: 'string', short: 'o' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

function inputFrom(v: Values): VietQRInput {
  if (!v.bin || !v.account) throw new UsageError('cần --bin và --account / --bin and --account are required');
  if (v.static && v.dynamic) throw new UsageError('chọn --static hoặc --dynamic, không cả hai / not both');
  let amount: number | undefined;
  if (v.amount !== undefined) {
    if (!/^\d+$/.test(v.amount)) {
      throw new UsageError(`--amount phải là số nguyên VND / must be integer VND: "${v.amount}"`);
    }
    amount = Number(v.amount);
  }
  const input: VietQRInput = { bin: v.bin, accountNumber: v.account };
  if (v.card) input.service = 'card';
  if (amount !== undefined) input.amount = amount;
  if (v.static) input.pointOfInitiation = 'static';
  if (v.dynamic) input.pointOfInitiation = 'dynamic';
  if (v.purpose !== undefined) input.purpose = v.purpose;
  if (v.bill !== undefined) input.billNumber = v.bill;
  if (v.reference !== undefined) input.referenceLabel = v.reference;
  if (v.store !== undefined) input.storeLabel = v.store;
  if (v.terminal !== undefined) input.terminalLabel = v.terminal;
  if (v['merchant-name'] !== undefined) input.merchantName = v['merchant-name'];
  if (v['merchant-city'] !== undefined) input.merchantCity = v['merchant-city'];
  if (v.mcc !== undefined) input.mcc = v.mcc;
  if (v.truncate) input.truncate = true;
  return input;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Scanners and shells add line breaks; a payload never ends in whitespace that matters, so trim. */
async function payloadArg(arg: string | undefined): Promise<string | undefined> {
  if (arg === undefined) return undefined;
  return (arg === '-' ? await readStdin() : arg).replace(/^\s+|\s+$/g, '');
}

function reportIssues(issues: readonly VietQRIssue<string>[], err: (line: string) => void): void {
  for (const issue of issues)
    err(`${issue.code} ${issue.path || '-'}: ${issue.message.vi} / ${issue.message.en}`);
}

export interface Io {
  out: (text: string) => void;
  err: (line: string) => void;
}

const defaultIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (line) => process.stderr.write(`${line}\n`),
};

export async function main(argv: readonly string[], io: Io = defaultIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`vietqr: ${error.message}`);
      io.err('vietqr --help');
      return EXIT_USAGE;
    }
    if (error instanceof VietQRBuildError) {
      io.err(`${error.code} ${error.field}: ${error.messages.vi} / ${error.messages.en}`);
      return EXIT_USAGE;
    }
    if (error instanceof VietQRRenderError) {
      reportIssues(error.errors, io.err);
      return EXIT_INVALID;
    }
    if (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      io.err(`vietqr: ${error.message}`);
      return EXIT_USAGE;
    }
    throw error;
  }
}

async function run(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: OPTIONS,
    allowPositionals: true,
    strict: true,
  });
  const [command, arg, ...rest] = positionals;
  if (values.help || command === 'help') {
    io.out(USAGE);
    return EXIT_OK;
  }
  if (rest.length > 0) throw new UsageError(`thừa tham số / unexpected arguments: ${rest.join(' ')}`);

  switch (command) {
    case 'decode': {
      const payload = await payloadArg(arg);
      if (payload === undefined) throw new UsageError('vietqr decode <payload|->');
      const result = parseVietQR(payload);
      if (!result.ok) {
        reportIssues(result.errors, io.err);
        return EXIT_INVALID;
      }
      reportIssues(result.warnings, io.err);
      io.out(`${JSON.stringify({ data: result.data, warnings: result.warnings }, null, 2)}\n`);
      return EXIT_OK;
    }
    case 'encode': {
      if (arg !== undefined) throw new UsageError(`thừa tham số / unexpected argument: ${arg}`);
      io.out(`${buildVietQR(inputFrom(values))}\n`);
      return EXIT_OK;
    }
    case 'svg':
    case 'png': {
      const payload = (await payloadArg(arg)) ?? buildVietQR(inputFrom(values));
      if (command === 'svg') {
        const svg = toSvg(payload);
        if (values.output) writeFileSync(values.output, svg);
        else io.out(`${svg}\n`);
        return EXIT_OK;
      }
      if (!values.output) throw new UsageError('png cần -o <file.png> / png needs -o <file.png>');
      writeFileSync(values.output, await toPng(payload));
      return EXIT_OK;
    }
    case 'banks': {
      if (arg === undefined) {
        for (const b of listBanks()) io.out(`${b.bin}\t${b.code}\t${b.shortName}\t${b.fullName}\n`);
        return EXIT_OK;
      }
      const bank = findBank(arg);
      if (!bank) {
        io.err(`BANK_UNKNOWN: không tìm thấy / not found: ${arg}`);
        return EXIT_INVALID;
      }
      io.out(`${JSON.stringify(bank, null, 2)}\n`);
      return EXIT_OK;
    }
    case 'standee': {
      const { market, stall, vendor } = values;
      const stallCode = values['stall-code'];
      if (!market || !stall || !stallCode || !vendor || !values.bin || !values.account) {
        throw new UsageError('standee cần --market --stall --stall-code --vendor --bin --account');
      }
      const secret = process.env['VIETQR_STALL_SECRET'];
      const checkCode =
        values['check-code'] ?? (secret ? stallCheckCode(secret, stallCode, values.account) : undefined);
      if (!checkCode)
        throw new UsageError(
          'cần --check-code hoặc VIETQR_STALL_SECRET / --check-code or VIETQR_STALL_SECRET',
        );
      const svg = stallStandeeSvg({
        marketName: market,
        stallNumber: stall,
        stallCode,
        vendorName: vendor,
        bin: values.bin,
        accountNumber: values.account,
        checkCode,
      });
      if (values.output) writeFileSync(values.output, svg);
      else io.out(`${svg}\n`);
      return EXIT_OK;
    }
    case undefined:
      throw new UsageError('thiếu lệnh / missing command');
    default:
      throw new UsageError(`lệnh không rõ / unknown command: ${command}`);
  }
}
