/**
 * `npm run migrate [-- --aws --table <name> [--region <region>]]`: the one-off data migrations a release
 * needs, idempotent (a second run changes nothing). Today: payment items re-keyed per receiving account
 * (docs/decisions/0704). Locally `npm start` runs it at every start; on AWS `npm run deploy` runs it right
 * after the stacks are updated, and an operator can run it by hand with the caller's AWS credentials.
 */
import { parseArgs } from 'node:util';
import { createDb, type RekeyReport, rekeyLegacyPayments } from '@chophien/db';
import { readLocalConfig } from './config.ts';

export const USAGE = `Cách dùng / usage:
  npm run migrate                                   (DynamoDB Local of npm start)
  npm run migrate -- --aws --table chophien-prod [--region ap-southeast-1]
Chuyển dữ liệu cũ sang khóa mới; chạy lại không thay đổi gì.
Moves older items to the current keys; running it again changes nothing.`;

export interface MigrateCommandResult {
  readonly code: number;
  readonly lines: string[];
}

export function describeRekey(report: RekeyReport): string[] {
  const lines = [
    `Giao dịch chuyển khóa / payments re-keyed: ${report.rekeyed}`,
    `Mục chờ đối soát gắn tài khoản / review items bound: ${report.reviewsBound}`,
    `Kênh được lập chỉ mục / channels indexed: ${report.channelsIndexed}`,
  ];
  if (report.unresolved.length > 0)
    lines.push(
      `Không xác định được tài khoản nhận, để nguyên / left in place (account unknown): ${report.unresolved.join(', ')}`,
    );
  return lines;
}

export async function runMigrateCommand(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<MigrateCommandResult> {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(argv).values;
  } catch (error) {
    return { code: 2, lines: [(error as Error).message, USAGE] };
  }
  if (values.help) return { code: 0, lines: [USAGE] };
  let table: string;
  let endpoint: string | undefined;
  if (values.aws) {
    const named = values.table ?? env.TABLE_NAME;
    if (!named) return { code: 2, lines: ['--aws cần TABLE_NAME hoặc --table / needs a table name', USAGE] };
    table = named;
  } else {
    const config = readLocalConfig(env);
    table = values.table ?? env.TABLE_NAME ?? config.tableName;
    endpoint = env.DYNAMODB_ENDPOINT ?? `http://127.0.0.1:${config.dynamoDbPort}`;
  }
  const db = createDb({
    TABLE_NAME: table,
    ...(endpoint ? { DYNAMODB_ENDPOINT: endpoint } : {}),
    AWS_REGION: values.region ?? env.AWS_REGION ?? 'ap-southeast-1',
  });
  try {
    const report = await rekeyLegacyPayments(db);
    return { code: 0, lines: [`Bảng / table ${table}`, ...describeRekey(report)] };
  } catch (error) {
    return { code: 1, lines: [`Không chuyển được dữ liệu / migration failed: ${(error as Error).message}`] };
  } finally {
    db.raw.destroy();
  }
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: {
      aws: { type: 'boolean', default: false },
      table: { type: 'string' },
      region: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const result = await runMigrateCommand(process.argv.slice(2));
  for (const line of result.lines) (result.code === 0 ? console.log : console.error)(line);
  process.exitCode = result.code;
}
