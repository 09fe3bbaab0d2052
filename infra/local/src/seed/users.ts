import type { UserProfile } from '@chophien/core';
import { seedId } from './ids.ts';

const CREATED = '2026-10-01T01:00:00.000Z';

/** Farming households: the people behind the seeded products (fictional names and numbers). */
export const farmers = [
  { n: 1, name: 'Nguyễn Văn Thành', phone: '+84912000001', province: 'Thái Nguyên', commune: 'xã Tân Cương' },
  { n: 2, name: 'Hoàng Thị Lan', phone: '+84912000002', province: 'Thái Nguyên', commune: 'xã La Hiên' },
  { n: 3, name: 'Lý Văn Cường', phone: '+84912000003', province: 'Thái Nguyên', commune: 'xã Định Hóa' },
  { n: 4, name: 'Lê Thị Hoa', phone: '+84912000004', province: 'Thanh Hóa', commune: 'xã Luận Thành' },
  { n: 5, name: 'Phạm Văn Hùng', phone: '+84912000005', province: 'Hải Phòng', commune: 'xã Thanh Hà' },
  { n: 6, name: 'Đỗ Thị Mai', phone: '+84912000006', province: 'Hải Phòng', commune: 'phường Kinh Môn' },
].map(
  (farmer): UserProfile => ({
    id: seedId('farmer', farmer.n),
    phone: farmer.phone,
    name: farmer.name,
    roles: ['farmer'],
    grants: [{ role: 'farmer' }],
    province: farmer.province,
    commune: farmer.commune,
    createdAt: CREATED,
  }),
);

/** One person per remaining role, for trying every screen (tokens from POST /dev/token). */
export const staff: UserProfile[] = [
  {
    id: seedId('buyer', 1),
    phone: '+84987000001',
    name: 'Trần Minh Anh',
    roles: ['buyer'],
    grants: [{ role: 'buyer' }],
    province: 'Hà Nội',
    createdAt: CREATED,
  },
  {
    id: seedId('vendor', 1),
    phone: '+84987000011',
    name: 'Vũ Thị Hạnh',
    roles: ['vendor'],
    grants: [{ role: 'vendor' }],
    province: 'Thái Nguyên',
    commune: 'phường Phan Đình Phùng',
    createdAt: CREATED,
  },
  {
    id: seedId('vendor', 2),
    phone: '+84987000012',
    name: 'Ngô Văn Bình',
    roles: ['vendor'],
    grants: [{ role: 'vendor' }],
    province: 'Thái Nguyên',
    commune: 'phường Phan Đình Phùng',
    createdAt: CREATED,
  },
  {
    id: seedId('vendor', 3),
    phone: '+84987000013',
    name: 'Bùi Thị Thu',
    roles: ['vendor'],
    grants: [{ role: 'vendor' }],
    province: 'Hải Phòng',
    commune: 'phường Hải Dương',
    createdAt: CREATED,
  },
  {
    id: seedId('vendor', 4),
    phone: '+84987000014',
    name: 'Đặng Văn Long',
    roles: ['vendor'],
    grants: [{ role: 'vendor' }],
    province: 'Hải Phòng',
    commune: 'phường Hải Dương',
    createdAt: CREATED,
  },
  {
    id: seedId('manager', 1),
    phone: '+84987000021',
    name: 'Trịnh Văn Quang',
    roles: ['market_manager'],
    grants: [{ role: 'market_manager', marketId: seedId('market', 1) }],
    province: 'Thái Nguyên',
    createdAt: CREATED,
  },
  {
    id: seedId('manager', 2),
    phone: '+84987000022',
    name: 'Phan Thị Ngọc',
    roles: ['market_manager'],
    grants: [{ role: 'market_manager', marketId: seedId('market', 2) }],
    province: 'Hải Phòng',
    createdAt: CREATED,
  },
  {
    id: seedId('officer', 1),
    phone: '+84987000031',
    name: 'Đinh Thị Huyền',
    roles: ['commune_officer'],
    grants: [{ role: 'commune_officer', province: 'Thái Nguyên', commune: 'xã Tân Cương' }],
    province: 'Thái Nguyên',
    commune: 'xã Tân Cương',
    createdAt: CREATED,
  },
  {
    // The officer of a neighbouring commune: same role, other scope (the authorization matrix uses both).
    id: seedId('officer', 2),
    phone: '+84987000032',
    name: 'Hà Văn Tùng',
    roles: ['commune_officer'],
    grants: [{ role: 'commune_officer', province: 'Thái Nguyên', commune: 'xã La Hiên' }],
    province: 'Thái Nguyên',
    commune: 'xã La Hiên',
    createdAt: CREATED,
  },
  {
    id: seedId('admin', 1),
    phone: '+84987000041',
    name: 'Quản trị Chợ Phiên',
    roles: ['admin'],
    grants: [{ role: 'admin' }],
    createdAt: CREATED,
  },
];

export const seedUsers = [...farmers, ...staff].map((user): UserProfile => ({ status: 'active', ...user }));
