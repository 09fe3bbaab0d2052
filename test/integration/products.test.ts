import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/api.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.stop();
});

describe('GET /products/{id} (connected)', () => {
  it('returns a published product to anyone, with packs and integer VND prices', async () => {
    const response = await api.request('GET', '/products/01SEEDPRXDXX00000000000001');
    expect(response.status).toBe(200);
    expect(response.json.title.vi).toBe('Chè Thái Nguyên búp Tân Cương');
    for (const pack of response.json.packs) expect(Number.isInteger(pack.priceVnd)).toBe(true);
  });

  it('is 404 with a Vietnamese message for an unknown id, and 400 for a malformed one', async () => {
    const missing = await api.request('GET', '/products/01SEEDPRXDXX00000000009999');
    expect(missing.status).toBe(404);
    expect(missing.json.error).toMatchObject({
      code: 'product_not_found',
      message: 'Không tìm thấy sản phẩm.',
    });
    const malformed = await api.request('GET', '/products/not-an-id');
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.fields[0].path).toBe('path.id');
  });
});
