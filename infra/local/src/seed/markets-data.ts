import { seedId } from './ids.ts';

/**
 * Two "4.0 markets" with zones, numbered stalls and their vendors' payment accounts
 * (real NAPAS BINs, fictional account numbers). The markets area owns their schema and repository.
 */
export interface MarketSeed {
  id: string;
  code: string;
  name: string;
  province: string;
  commune: string;
  managerId: string;
  monthlyStallFeeVnd: number;
  stalls: Array<{
    id: string;
    code: string;
    zone: string;
    number: string;
    vendorId: string;
    goods: string;
    account: { bin: string; accountNumber: string; holderName: string };
  }>;
}

/** Each vendor account reports through one notification channel (payOS- or SePay-style). */
export interface AccountSeed {
  id: string;
  vendorId: string;
  provider: 'payos' | 'sepay';
  channelId: string;
  accountNumber: string;
}

export const seedMarkets: MarketSeed[] = [
  {
    id: seedId('market', 1),
    code: 'TUCDUYEN',
    name: 'Chợ Túc Duyên',
    province: 'Thái Nguyên',
    commune: 'phường Phan Đình Phùng',
    managerId: seedId('manager', 1),
    monthlyStallFeeVnd: 300_000,
    stalls: [
      {
        id: seedId('stall', 1),
        code: 'TD-A01',
        zone: 'Khu A – Chè và đặc sản',
        number: 'A01',
        vendorId: seedId('vendor', 1),
        goods: 'Chè Thái Nguyên',
        account: { bin: '970415', accountNumber: '100870001234', holderName: 'VU THI HANH' },
      },
      {
        id: seedId('stall', 2),
        code: 'TD-A02',
        zone: 'Khu A – Chè và đặc sản',
        number: 'A02',
        vendorId: seedId('vendor', 2),
        goods: 'Rau củ, na La Hiên',
        account: { bin: '970405', accountNumber: '3900205678901', holderName: 'NGO VAN BINH' },
      },
      {
        id: seedId('stall', 3),
        code: 'TD-B01',
        zone: 'Khu B – Thực phẩm tươi',
        number: 'B01',
        vendorId: seedId('vendor', 2),
        goods: 'Thịt, cá tươi',
        account: { bin: '970405', accountNumber: '3900205678901', holderName: 'NGO VAN BINH' },
      },
    ],
  },
  {
    id: seedId('market', 2),
    code: 'HAIDUONG',
    name: 'Chợ Mới Hải Dương',
    province: 'Hải Phòng',
    commune: 'phường Hải Dương',
    managerId: seedId('manager', 2),
    monthlyStallFeeVnd: 350_000,
    stalls: [
      {
        id: seedId('stall', 4),
        code: 'HD-C01',
        zone: 'Khu C – Hoa quả',
        number: 'C01',
        vendorId: seedId('vendor', 3),
        goods: 'Vải thiều, bánh đậu xanh',
        account: { bin: '970436', accountNumber: '0451000345678', holderName: 'BUI THI THU' },
      },
      {
        id: seedId('stall', 5),
        code: 'HD-C02',
        zone: 'Khu C – Hoa quả',
        number: 'C02',
        vendorId: seedId('vendor', 4),
        goods: 'Hành tỏi Kinh Môn',
        account: { bin: '970418', accountNumber: '21510004567890', holderName: 'DANG VAN LONG' },
      },
    ],
  },
];

/** One account per vendor; vendor 2's two stalls share theirs (so memos must tell them apart). */
export const seedAccounts: AccountSeed[] = [
  { n: 1, vendor: 1, provider: 'sepay' as const, accountNumber: '100870001234' },
  { n: 2, vendor: 2, provider: 'payos' as const, accountNumber: '3900205678901' },
  { n: 3, vendor: 3, provider: 'sepay' as const, accountNumber: '0451000345678' },
  { n: 4, vendor: 4, provider: 'payos' as const, accountNumber: '21510004567890' },
].map((entry) => ({
  id: seedId('acct', entry.n),
  vendorId: seedId('vendor', entry.vendor),
  provider: entry.provider,
  channelId: `ch-${entry.provider}-${entry.n}`,
  accountNumber: entry.accountNumber,
}));

/** Each market board's own account, into which stalls pay their monthly fee (fee code in the memo). */
export const seedFeeAccounts = [
  {
    n: 11,
    marketN: 1,
    managerN: 1,
    provider: 'payos' as const,
    bin: '970436',
    accountNumber: '0011000999001',
    holderName: 'BQL CHO TUC DUYEN',
  },
  {
    n: 12,
    marketN: 2,
    managerN: 2,
    provider: 'sepay' as const,
    bin: '970418',
    accountNumber: '21510009990002',
    holderName: 'BQL CHO MOI HAI DUONG',
  },
].map((entry) => ({
  id: seedId('acct', entry.n),
  marketId: seedId('market', entry.marketN),
  ownerId: seedId('manager', entry.managerN),
  provider: entry.provider,
  channelId: `ch-${entry.provider}-m${entry.marketN}`,
  bin: entry.bin,
  accountNumber: entry.accountNumber,
  holderName: entry.holderName,
}));
