/**
 * `npm run bank -- pay --to <stall|sale|order code> --amount 50000 [--memo "…"] [--duplicate] [--forge] [--late] [--webhook-down]`
 * `npm run bank -- pay --bank Agribank --account 3904205123001 --amount 90000 --memo CP…` (as typed from a pay page)
 * `npm run bank -- refund --from <code> --amount 5000 --memo HT…` (an outgoing transfer, SePay-style channels report it)
 * Sends a signed bank notification to the running local stack (`npm start`).
 */
import { parseArgs } from 'node:util';
import { createDb } from '@chophien/db';
import { secretsFilePath } from './bank/secrets-file.ts';
import { pay, sendRefund } from './bank/simulator.ts';
import { readLocalConfig } from './config.ts';

const USAGE = `Cách dùng / usage:
  npm run bank -- pay --to TD-A01 --amount 50000
  npm run bank -- pay --to BH7K3M9Q --amount 120000 --memo "MBVCB.123.BH7K3M9Q.CT"
  npm run bank -- pay --to TD-A01 --amount 50000 --duplicate   # gửi hai lần / delivered twice
  npm run bank -- pay --to TD-A01 --amount 50000 --forge       # sai chữ ký / wrong signature
  npm run bank -- pay --to TD-A01 --amount 50000 --late        # quá hạn / stale timestamp
  npm run bank -- pay --bank Agribank --account 3904205123001 --amount 90000 --memo CP2K7M9Q   # như người mua gõ / as a payer types it
  npm run bank -- pay --to TD-A01 --amount 50000 --webhook-down   # ngân hàng ghi nhận, không gửi thông báo / no notification (the poll finds it)
  npm run bank -- refund --from CPAB3K7Q --amount 5000 --memo HT7K3M9Q   # chuyển trả / an outgoing refund transfer`;

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      to: { type: 'string' },
      amount: { type: 'string' },
      memo: { type: 'string' },
      duplicate: { type: 'boolean', default: false },
      forge: { type: 'boolean', default: false },
      late: { type: 'boolean', default: false },
      'webhook-down': { type: 'boolean', default: false },
      bank: { type: 'string' },
      account: { type: 'string' },
      from: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const command = positionals[0];
  const byAccount = values.bank && values.account ? { bank: values.bank, number: values.account } : undefined;
  const valid =
    (command === 'pay' && (values.to || byAccount) && values.amount) ||
    (command === 'refund' && values.from && values.amount && values.memo);
  if (values.help || !valid) {
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
    const context = {
      db,
      apiUrl: `http://${config.host}:${config.apiPort}`,
      secretsFile: secretsFilePath(config.dataDir),
    };
    const result =
      command === 'refund'
        ? await sendRefund({ from: values.from ?? '', amountVnd, memo: values.memo ?? '' }, context)
        : await pay(
            {
              ...(values.to ? { to: values.to } : {}),
              ...(byAccount ? { account: byAccount } : {}),
              amountVnd,
              duplicate: values.duplicate,
              forge: values.forge,
              late: values.late,
              deliver: !values['webhook-down'],
              ...(values.memo !== undefined ? { memo: values.memo } : {}),
            },
            context,
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
