import { type CategorySlug, type Pack, type Product, slugify } from '@chophien/core';
import { gtinCheckDigit } from '@chophien/gs1';
import { seedId } from './ids.ts';
import { farmers } from './users.ts';

/** A fictional household company prefix under GS1 Vietnam's 893 (the tea farm registered its own GCP). */
const teaBase = '0893800012345';
export const seedTeaGtin = `${teaBase}${gtinCheckDigit(teaBase)}`;

interface ProductSeed {
  farmer: number;
  title: string;
  titleEn: string;
  description: string;
  category: CategorySlug;
  baseUnit: Product['baseUnit'];
  stock: number;
  packs: Array<[label: string, labelEn: string, size: number, priceVnd: number]>;
  ocop?: 3 | 4 | 5;
  gtin?: string;
}

const seeds: ProductSeed[] = [
  {
    farmer: 1,
    title: 'Chè Thái Nguyên búp Tân Cương',
    titleEn: 'Tan Cuong Thai Nguyen bud tea',
    description:
      'Chè búp hái tay một tôm hai lá trên đồi chè Tân Cương, sao suốt bằng chảo gang. Nước xanh vàng, hương cốm, vị chát dịu, hậu ngọt sâu.',
    category: 'che-ca-phe',
    baseUnit: 'g',
    stock: 50_000,
    packs: [
      ['Gói 100 g', '100 g pack', 100, 45_000],
      ['Gói 500 g', '500 g pack', 500, 210_000],
      ['Túi 1 kg', '1 kg bag', 1000, 400_000],
    ],
    ocop: 4,
    gtin: seedTeaGtin,
  },
  {
    farmer: 1,
    title: 'Chè móc câu Tân Cương đặc biệt',
    titleEn: 'Tan Cuong hook-shaped tea, special grade',
    description: 'Chè móc câu cánh nhỏ, xoăn đều, chỉ hái lứa xuân. Đóng túi hút chân không giữ hương.',
    category: 'che-ca-phe',
    baseUnit: 'g',
    stock: 20_000,
    packs: [
      ['Hộp 200 g', '200 g box', 200, 160_000],
      ['Hộp 500 g', '500 g box', 500, 380_000],
    ],
    ocop: 5,
  },
  {
    farmer: 1,
    title: 'Trà xanh túi lọc Tân Cương',
    titleEn: 'Tan Cuong green tea bags',
    description: 'Hộp 25 túi lọc, tiện pha ở văn phòng. Chè nguyên liệu từ vùng trồng đạt VietGAP.',
    category: 'che-ca-phe',
    baseUnit: 'piece',
    stock: 400,
    packs: [['Hộp 25 túi', 'Box of 25 bags', 1, 55_000]],
    ocop: 3,
  },
  {
    farmer: 2,
    title: 'Na dai La Hiên',
    titleEn: 'La Hien custard apples',
    description:
      'Na dai trồng trên núi đá vôi La Hiên, quả to, múi dày, ngọt thanh. Hái già, giao trong 24 giờ vào mùa vụ.',
    category: 'trai-cay',
    baseUnit: 'g',
    stock: 300_000,
    packs: [
      ['Hộp 1 kg', '1 kg box', 1000, 90_000],
      ['Thùng 3 kg', '3 kg crate', 3000, 255_000],
    ],
    ocop: 4,
  },
  {
    farmer: 2,
    title: 'Na bở La Hiên chín cây',
    titleEn: 'La Hien soft custard apples, tree-ripened',
    description: 'Na bở mềm thơm, ăn ngay trong ngày. Đóng khay xốp chống dập.',
    category: 'trai-cay',
    baseUnit: 'g',
    stock: 100_000,
    packs: [['Khay 1 kg', '1 kg tray', 1000, 70_000]],
  },
  {
    farmer: 2,
    title: 'Mật ong hoa rừng Võ Nhai',
    titleEn: 'Vo Nhai wild-flower honey',
    description: 'Mật ong khai thác tự nhiên từ đàn ong nuôi trong rừng Võ Nhai, không pha đường.',
    category: 'dac-san-che-bien',
    baseUnit: 'ml',
    stock: 60_000,
    packs: [
      ['Chai 500 ml', '500 ml bottle', 500, 180_000],
      ['Chai 1 lít', '1 litre bottle', 1000, 340_000],
    ],
    ocop: 3,
  },
  {
    farmer: 3,
    title: 'Miến dong Việt Cường',
    titleEn: 'Viet Cuong arrowroot vermicelli',
    description:
      'Miến làm từ 100% tinh bột dong riềng, phơi nắng tự nhiên, sợi dai, không hóa chất tẩy trắng.',
    category: 'dac-san-che-bien',
    baseUnit: 'g',
    stock: 200_000,
    packs: [
      ['Gói 500 g', '500 g pack', 500, 45_000],
      ['Túi 1 kg', '1 kg bag', 1000, 85_000],
    ],
    ocop: 4,
  },
  {
    farmer: 3,
    title: 'Mỳ chũ gạo Định Hóa',
    titleEn: 'Dinh Hoa rice noodles',
    description: 'Mỳ gạo tráng mỏng từ gạo bao thai Định Hóa, nấu nhanh, không bở.',
    category: 'dac-san-che-bien',
    baseUnit: 'g',
    stock: 150_000,
    packs: [['Gói 500 g', '500 g pack', 500, 35_000]],
    ocop: 3,
  },
  {
    farmer: 3,
    title: 'Gạo bao thai Định Hóa',
    titleEn: 'Dinh Hoa Bao Thai rice',
    description: 'Gạo bao thai vụ mùa, hạt nhỏ, cơm dẻo vừa, thơm nhẹ. Xay mới theo đơn.',
    category: 'gao-ngu-coc',
    baseUnit: 'g',
    stock: 2_000_000,
    packs: [
      ['Túi 5 kg', '5 kg bag', 5000, 115_000],
      ['Bao 10 kg', '10 kg sack', 10_000, 220_000],
    ],
  },
  {
    farmer: 4,
    title: 'Bưởi Luận Văn',
    titleEn: 'Luan Van pomelo',
    description: 'Bưởi Luận Văn vỏ mỏng, múi vàng, mọng nước, vị ngọt mát. Đặc sản vùng Thọ Xuân xưa.',
    category: 'trai-cay',
    baseUnit: 'piece',
    stock: 1200,
    packs: [
      ['1 quả (1–1,3 kg)', '1 fruit (1–1.3 kg)', 1, 45_000],
      ['Thùng 6 quả', 'Box of 6', 6, 250_000],
    ],
    ocop: 4,
  },
  {
    farmer: 4,
    title: 'Nem chua Thanh Hóa',
    titleEn: 'Thanh Hoa fermented pork rolls',
    description: 'Nem chua gói lá chuối, ủ 3 ngày, giữ lạnh khi giao. Dùng trong 7 ngày.',
    category: 'dac-san-che-bien',
    baseUnit: 'piece',
    stock: 3000,
    packs: [
      ['Chục 10 cái', 'Pack of 10', 10, 60_000],
      ['Hộp 50 cái', 'Box of 50', 50, 280_000],
    ],
    ocop: 3,
  },
  {
    farmer: 4,
    title: 'Gạo nếp cái hoa vàng Thanh Hóa',
    titleEn: 'Thanh Hoa yellow-flower glutinous rice',
    description: 'Nếp cái hoa vàng hạt tròn, dẻo thơm, hợp đồ xôi, gói bánh chưng.',
    category: 'gao-ngu-coc',
    baseUnit: 'g',
    stock: 500_000,
    packs: [['Túi 2 kg', '2 kg bag', 2000, 90_000]],
  },
  {
    farmer: 5,
    title: 'Vải thiều Thanh Hà',
    titleEn: 'Thanh Ha lychee',
    description:
      'Vải thiều Thanh Hà hạt nhỏ, cùi dày, ngọt đậm. Đặt trước cho ngày thu hoạch, giao trong ngày hái.',
    category: 'trai-cay',
    baseUnit: 'g',
    stock: 800_000,
    packs: [
      ['Hộp 2 kg', '2 kg box', 2000, 110_000],
      ['Thùng 5 kg', '5 kg crate', 5000, 260_000],
    ],
    ocop: 4,
  },
  {
    farmer: 5,
    title: 'Vải thiều sấy khô Thanh Hà',
    titleEn: 'Dried Thanh Ha lychee',
    description: 'Vải sấy lò than truyền thống, cùi dẻo, ngọt tự nhiên, bảo quản 6 tháng.',
    category: 'dac-san-che-bien',
    baseUnit: 'g',
    stock: 100_000,
    packs: [
      ['Túi 500 g', '500 g bag', 500, 120_000],
      ['Túi 1 kg', '1 kg bag', 1000, 230_000],
    ],
    ocop: 3,
  },
  {
    farmer: 5,
    title: 'Bánh đậu xanh Hải Dương',
    titleEn: 'Hai Duong mung bean cakes',
    description: 'Bánh đậu xanh truyền thống, mịn, ngọt vừa, hộp giấy 20 bánh nhỏ.',
    category: 'dac-san-che-bien',
    baseUnit: 'piece',
    stock: 2000,
    packs: [['Hộp 20 bánh', 'Box of 20', 1, 40_000]],
    ocop: 4,
  },
  {
    farmer: 6,
    title: 'Hành tím Kinh Môn',
    titleEn: 'Kinh Mon shallots',
    description: 'Hành củ Kinh Môn củ nhỏ, chắc, thơm hăng, phơi khô treo gác.',
    category: 'rau-cu',
    baseUnit: 'g',
    stock: 400_000,
    packs: [
      ['Túi 1 kg', '1 kg bag', 1000, 60_000],
      ['Túi 3 kg', '3 kg bag', 3000, 165_000],
    ],
    ocop: 3,
  },
  {
    farmer: 6,
    title: 'Tỏi Kinh Môn',
    titleEn: 'Kinh Mon garlic',
    description: 'Tỏi ta tép nhỏ, vỏ tía, cay nồng, trồng trên đất bãi ven sông Kinh Thầy.',
    category: 'rau-cu',
    baseUnit: 'g',
    stock: 300_000,
    packs: [['Túi 1 kg', '1 kg bag', 1000, 80_000]],
  },
  {
    farmer: 6,
    title: 'Cà rốt Cẩm Giàng',
    titleEn: 'Cam Giang carrots',
    description: 'Cà rốt vụ đông, củ đều, ngọt giòn, rửa sạch đóng túi lưới.',
    category: 'rau-cu',
    baseUnit: 'g',
    stock: 1_000_000,
    packs: [
      ['Túi 2 kg', '2 kg bag', 2000, 36_000],
      ['Bao 10 kg', '10 kg sack', 10_000, 160_000],
    ],
  },
  {
    farmer: 6,
    title: 'Rau cải ngồng hữu cơ',
    titleEn: 'Organic flowering mustard greens',
    description: 'Cải ngồng trồng theo hướng hữu cơ, cắt buổi sáng, giao trong ngày ở nội thành.',
    category: 'rau-cu',
    baseUnit: 'bunch',
    stock: 500,
    packs: [['Bó 500 g', '500 g bunch', 1, 25_000]],
  },
  {
    farmer: 1,
    title: 'Trà hoa vàng Tam Đảo',
    titleEn: 'Tam Dao golden camellia tea',
    description: 'Hoa trà vàng sấy lạnh, nước vàng sánh, vị ngọt hậu. Hộp quà biếu.',
    category: 'che-ca-phe',
    baseUnit: 'g',
    stock: 5_000,
    packs: [['Hộp 50 g', '50 g box', 50, 250_000]],
    ocop: 4,
  },
];

const packId = (label: string) => slugify(label).slice(0, 32);

export const seedProducts: Product[] = seeds.map((seed, index) => {
  const farmer = farmers[seed.farmer - 1]!;
  const id = seedId('prod', index + 1);
  // Staggered creation times so "newest first" has a stable, meaningful order.
  const createdAt = new Date(Date.UTC(2026, 9, 1, 2, 0, 0) + index * 3_600_000).toISOString();
  const packs: Pack[] = seed.packs.map(([label, labelEn, size, priceVnd]) => ({
    id: packId(labelEn),
    label: { vi: label, en: labelEn },
    size,
    priceVnd,
  }));
  return {
    id,
    slug: slugify(seed.title),
    farmerId: farmer.id,
    title: { vi: seed.title, en: seed.titleEn },
    description: { vi: seed.description },
    category: seed.category,
    baseUnit: seed.baseUnit,
    packs,
    stock: seed.stock,
    province: farmer.province!,
    ...(farmer.commune ? { commune: farmer.commune } : {}),
    ...(seed.ocop ? { ocopStars: seed.ocop } : {}),
    ...(seed.gtin ? { gtin: seed.gtin } : {}),
    imageUrls: [],
    lotIds: [],
    status: 'published',
    createdAt,
    updatedAt: createdAt,
  };
});
