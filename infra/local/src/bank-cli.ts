/**
 * `npm run bank -- pay --to <stall|sale|order code> --amount 50000 [--memo "…"] [--duplicate] [--forge] [--late]`
 * `npm run bank -- pay --bank Agribank --account 3904205123001 --amount 90000 --memo CP…` (as typed from a pay page)
 * Sends a signed bank notification to the running local stack (`npm start`).
 */
import { parseArgs } from 'node:util';
import { createDb } from '@chophien/db';
import { secretsFilePath } from './bank/secrets-file.ts';
import { pay } from './bank/simulator.ts';
import { readLocalConfig } from './config.ts';

const USAGE = `Cách dùng / usage:
  npm run bank -- pay --to TD-A01 --amount 50000
  npm run bank -- pay --to BH7K3M9Q --amount 120000 --memo "MBVCB.123.BH7K3M9Q.CT"
  npm run bank -- pay --to TD-A01 --amount 50000 --duplicate   # gửi hai lần / delivered twice
  npm run bank -- pay --to TD-A01 --amount 50000 --forge       # sai chữ ký / wrong signature
  npm run bank -- pay --to TD-A01 --amount 50000 --late        # quá hạn / stale timestamp
  npm run bank -- pay --bank Agribank --account 3904205123001 --amount 90000 --memo CP2K7M9Q   # như người mua gõ / as a payer types it`;

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      to: { type: 'string' },
      bank: { type: 'string' },
      account: { type: 'string' },
      amount: { type: 'string' },
      memo: { type: 'string' },
      duplicate: { type: 'boolean', default: false },
      forge: { type: 'boolean', default: false },
      late: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const byAccount = values.bank && values.account ? { bank: values.bank, number: values.account } : undefined;
  if (values.help || positionals[0] !== 'pay' || !(values.to || byAccount) || !values.amount) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const amountVnd = Number(values.amount);
  if (!Number.isSafeInteger(amountVnd) || amountVnd <= 0) {
    console.error('Số tiền phải là số nguyên dương (đồng) / amount must be a positive whole number');
    return 2;
  }
  const config = readLocalConfig();
  process.env.DYNAMODB_ENDPOINT ??= `http://127.0.0.1:${config.dynamoDbPort}`;
  process.env.TABLE_NAME ??= config.tableName;
  const db = createDb();
  try {
    const result = await pay(
      {
        ...(values.to ? { to: values.to } : {}),
        ...(byAccount ? { account: byAccount } : {}),
        amountVnd,
        duplicate: values.duplicate,
        forge: values.forge,
        late: values.late,
        ...(values.memo !== undefined ? { memo: values.memo } : {}),
      },
      { db, apiUrl: `http://${config.host}:${config.apiPort}`, secretsFile: secretsFilePath(config.dataDir) },
    );
    console.log(
      `Kênh / channel: ${result.channel.provider}/${result.channel.id}  giao dịch / transaction: ${result.transactionId}`,
    );
    for (const [index, delivery] of result.deliveries.entries()) {
      console.log(`#${index + 1} → HTTP ${delivery.status} ${JSON.stringify(delivery.body)}`);
    }
    return 0;
  } catch (error) {
    console.error((error as Error).message);
    return 1;
  } finally {
    db.raw.destroy();
  }
}

process.exitCode = await main();
