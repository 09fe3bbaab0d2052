import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../support/api.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.stop();
});

const titles = async (query: string) => {
  const response = await api.request('GET', `/search?${query}`);
  expect(response.status).toBe(200);
  return response.json.results.map((p: { title: { vi: string } }) => p.title.vi) as string[];
};

describe('GET /search over the seeded catalog (connected)', () => {
  it.each([
    ['che thai nguyen', 'Chè Thái Nguyên búp Tân Cương'],
    ['chè thái nguyên', 'Chè Thái Nguyên búp Tân Cương'],
    ['vai thieu', 'Vải thiều Thanh Hà'],
    ['na la hien', 'Na dai La Hiên'],
    ['mat ong', 'Mật ong hoa rừng Võ Nhai'],
    ['buoi luan van', 'Bưởi Luận Văn'],
  ])('"%s" finds %s first', async (q, first) => {
    expect((await titles(`q=${encodeURIComponent(q)}`))[0]).toBe(first);
  });

  it('filters by category and province without diacritics', async () => {
    const results = await titles('q=&category=trai-cay&province=hai%20phong');
    expect(results).toEqual(['Vải thiều Thanh Hà']);
  });

  it('refuses an unknown category with a field-level message', async () => {
    const response = await api.request('GET', '/search?q=che&category=xe-may');
    expect(response.status).toBe(400);
    expect(response.json.error.fields[0].path).toBe('query.category');
  });
});
