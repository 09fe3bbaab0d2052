import { existsSync, rmSync } from 'node:fs';
import { readLocalConfig } from './config.ts';

/** `npm run reset`: wipes local data (the table, dev identity keys); the next start seeds afresh. */
const { dataDir } = readLocalConfig();
if (existsSync(dataDir)) {
  rmSync(dataDir, { recursive: true, force: true });
  console.log(`Đã xóa dữ liệu cục bộ / Local data wiped: ${dataDir}`);
} else {
  console.log(`Không có dữ liệu cục bộ / Nothing to wipe: ${dataDir}`);
}
