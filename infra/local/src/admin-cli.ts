/**
 * `npm run admin -- create --phone +84… [--name "…"]`: the first admin of a fresh deployment (and any later
 * one). Locally it writes to the running `npm start`'s DynamoDB Local; with `--aws` it creates the person in
 * the Cognito user pool (admin APIs) and the table named by TABLE_NAME / USER_POOL_ID (or the flags), with
 * the caller's AWS credentials. See docs/decisions/0800-people-grants-and-access.md.
 */
import { parseArgs } from 'node:util';
import { type ConsoleDeps, displayPhone, isDomainError, makeAdmin } from '@chophien/core';
import { createDb, peopleStore } from '@chophien/db';
import {
  cognitoIdentityDirectory,
  localIdentityDirectory,
} from '@chophien/functions/shared/identity-directory';
import { ulid } from 'ulid';
import { readLocalConfig } from './config.ts';

export const USAGE = `Cách dùng / usage:
  npm run admin -- create --phone 0987000041 [--name "Nguyễn Thị An"]
  npm run admin -- create --phone +84987000041 --aws [--table chophien-prod] [--user-pool-id ap-southeast-1_XXXX] [--region ap-southeast-1]
Tạo (hoặc cấp lại) quyền quản trị viên tỉnh cho số điện thoại này. Người đó đăng nhập tại /dang-nhap bằng mã SMS.
Makes the person with this phone a province admin; they sign in at /dang-nhap with a code by SMS.`;

export interface AdminCommandResult {
  readonly code: number;
  readonly lines: string[];
}

export async function runAdminCommand(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<AdminCommandResult> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    return { code: 2, lines: [(error as Error).message, USAGE] };
  }
  const { positionals, values } = parsed;
  if (values.help) return { code: 0, lines: [USAGE] };
  if (positionals[0] !== 'create' || !values.phone) return { code: 2, lines: [USAGE] };

  let identity: ConsoleDeps['identity'];
  if (values.aws) {
    const userPoolId = values['user-pool-id'] ?? env.USER_POOL_ID;
    const table = values.table ?? env.TABLE_NAME;
    if (!userPoolId || !table)
      return {
        code: 2,
        lines: ['--aws cần USER_POOL_ID và TABLE_NAME (hoặc --user-pool-id, --table) / needs both', USAGE],
      };
    if (values.region) env.AWS_REGION = values.region;
    env.TABLE_NAME = table;
    delete env.DYNAMODB_ENDPOINT;
    identity = cognitoIdentityDirectory(userPoolId);
  } else {
    const config = readLocalConfig(env);
    env.DYNAMODB_ENDPOINT ??= `http://127.0.0.1:${config.dynamoDbPort}`;
    env.TABLE_NAME ??= config.tableName;
    identity = localIdentityDirectory();
  }
  const db = createDb({
    TABLE_NAME: env.TABLE_NAME ?? 'chophien',
    ...(env.DYNAMODB_ENDPOINT ? { DYNAMODB_ENDPOINT: env.DYNAMODB_ENDPOINT } : {}),
    AWS_REGION: env.AWS_REGION ?? 'ap-southeast-1',
  });
  try {
    const result = await makeAdmin(
      { people: peopleStore(db), identity, clock: { now: () => new Date() }, newId: () => ulid() },
      { phone: values.phone, ...(values.name ? { name: values.name } : {}) },
    );
    const who = `${result.person.name} (${displayPhone(result.person.phone)})`;
    const line = result.created
      ? `Đã tạo quản trị viên ${who} / admin created: ${result.person.id}`
      : result.changed
        ? `Đã cấp quyền quản trị cho ${who} / admin role granted: ${result.person.id}`
        : `${who} đã là quản trị viên, không thay đổi / already an admin, nothing changed`;
    return {
      code: 0,
      lines: [line, 'Đăng nhập tại /dang-nhap, rồi mở /quan-tri / sign in, then open /quan-tri'],
    };
  } catch (error) {
    if (isDomainError(error)) return { code: 1, lines: [error.messages.vi, error.messages.en] };
    if (error instanceof Error && error.name === 'ZodError')
      return { code: 2, lines: ['Số điện thoại hoặc tên chưa đúng / invalid phone or name', USAGE] };
    return { code: 1, lines: [`Không ghi được / failed: ${(error as Error).message}`] };
  } finally {
    db.raw.destroy();
  }
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      phone: { type: 'string' },
      name: { type: 'string' },
      aws: { type: 'boolean', default: false },
      table: { type: 'string' },
      'user-pool-id': { type: 'string' },
      region: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const result = await runAdminCommand(process.argv.slice(2));
  for (const line of result.lines) (result.code === 0 ? console.log : console.error)(line);
  process.exitCode = result.code;
}
