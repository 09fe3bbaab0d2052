import { readLocalConfig } from './config.ts';
import { LocalRuntimeError } from './dynamodb-local.ts';
import { startLocalStack } from './stack.ts';

/**
 * `npm start`: the whole platform, seeded, until Ctrl-C. `npm start -- --no-seed`: the same with no demo data,
 * as a province starts (its first admin comes from `npm run admin -- create --phone …`).
 */
const [nodeMajor = 0, nodeMinor = 0] = process.versions.node.split('.').map(Number);
if (nodeMajor < 22 || (nodeMajor === 22 && nodeMinor < 19)) {
  // One notice in the people's words instead of the SDK's English warning (decision 0322).
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  console.warn(
    `Node ${process.versions.node}: Chợ Phiên cần Node 22.19 trở lên (như Lambda); bản này vẫn chạy nhưng không được kiểm thử (README, Requirements).\n` +
      `Node ${process.versions.node}: Chợ Phiên needs Node 22.19 or newer (as Lambda runs); this one still runs but is not tested (README, Requirements).`,
  );
}
const config = readLocalConfig();
const withSeed = !process.argv.slice(2).includes('--no-seed');
const started = Date.now();
try {
  const stack = await startLocalStack(config, { log: (line) => console.log(`  ${line}`), seed: withSeed });
  console.log(`
Chợ Phiên đang chạy / is running (${((Date.now() - started) / 1000).toFixed(1)} s)
  Cửa hàng / Storefront:  ${stack.siteUrl}
  API:                    ${stack.apiUrl}   (GET ${stack.apiUrl}/health)
  Đăng nhập thử / Dev token: curl -s -X POST ${stack.apiUrl}/dev/token -H 'content-type: application/json' -d '{"phone":"+84912000001"}'
  DynamoDB Local:         ${stack.dynamoDbEndpoint}   (dữ liệu / data: ${config.dataDir})${
    withSeed
      ? ''
      : `
  Quản trị viên đầu tiên / first admin: npm run admin -- create --phone 09xx xxx xxx`
  }
Nhấn Ctrl-C để dừng / Press Ctrl-C to stop.`);

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nĐang dừng… / Stopping…');
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
} catch (error) {
  if (error instanceof LocalRuntimeError) {
    console.error(`chophien: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
