import { gtinCheckDigit } from '@chophien/gs1';
import { describe, expect, it } from 'vitest';
import type { Order } from '../../../packages/core/src/marketplace/order.ts';
import { toPayableOrder } from '../../../packages/core/src/marketplace/pay-link.ts';
import { bankAppLinks } from '../../../site/src/features/marketplace/bank-apps.ts';
import { pageHref, requestedPage } from '../../../site/src/features/marketplace/paging.ts';
import { typedCodePath } from '../../../site/src/features/trace/typed-code.ts';

const order: Order = {
  id: 'o1',
  code: 'CP2K7M9Q',
  checkoutId: 'c1',
  payToken: 'A'.repeat(22),
  buyerId: 'b',
  farmerId: 'f',
  lines: [
    {
      productId: 'p',
      productSlug: 'che',
      packId: '100g',
      title: { vi: 'Chè' },
      packLabel: { vi: 'Gói 100 g' },
      packSize: 100,
      quantity: 2,
      unitPriceVnd: 45_000,
      lineTotalVnd: 90_000,
    },
  ],
  totalVnd: 90_000,
  paidVnd: 0,
  overpaidVnd: 0,
  status: 'pending_payment',
  fulfilment: 'pickup',
  contact: { name: 'Trần Minh Anh', phone: '+84987000001' },
  payTo: { bankBin: '970405', accountNumber: '3904205123001', accountName: 'NGUYEN VAN THANH' },
  createdAt: '2026-12-07T00:00:00Z',
  payBy: '2026-12-07T00:30:00Z',
  updatedAt: '2026-12-07T00:00:00Z',
  history: [],
};

describe('bank-app links (offline)', () => {
  it('fill in account@bank, amount and content for each autofill app; nothing of the buyer', () => {
    const links = bankAppLinks(toPayableOrder(order), 'https://cho.example/');
    expect(links.map((l) => l.name)).toEqual([
      'MB Bank',
      'VietinBank iPay',
      'BIDV SmartBanking',
      'ACB ONE',
      'OCB OMNI',
    ]);
    const mb = new URL(links[0]!.href);
    expect(mb.origin + mb.pathname).toBe('https://dl.vietqr.io/pay');
    expect(links[0]!.href).toContain('ba=3904205123001@vba');
    expect(Object.fromEntries(mb.searchParams)).toMatchObject({
      app: 'mb',
      am: '90000',
      tn: 'CP2K7M9Q',
      bn: 'NGUYEN VAN THANH',
    });
    expect(links[0]!.href).not.toContain(order.payToken);
    expect(links[0]!.href).not.toContain('0987');
  });

  it('none once the order is paid (no account is shown any more)', () => {
    expect(bankAppLinks(toPayableOrder({ ...order, status: 'paid', paidVnd: 90_000 }), 'https://x/')).toEqual(
      [],
    );
    expect(toPayableOrder({ ...order, status: 'paid', paidVnd: 90_000 }).payTo).toBeUndefined();
  });
});

describe('paging links and typed trace codes (offline)', () => {
  it('?trang=N with the other filters kept; page 1 has one address', () => {
    expect(pageHref('/tim-kiem', '?q=che&trang=2', 3)).toBe('/tim-kiem?q=che&trang=3');
    expect(pageHref('/en/', '?trang=2', 1)).toBe('/en/');
    expect(requestedPage(new URL('https://x/?trang=abc'))).toBe(1);
    expect(requestedPage(new URL('https://x/?trang=0'))).toBe(1);
    expect(requestedPage(new URL('https://x/?trang=4'))).toBe(4);
  });

  it('a bare lot, the GS1 line under the QR, or a pasted link', () => {
    expect(typedCodePath(' 261110-7KQ3 ')).toBe('/l/261110-7KQ3');
    const gtin = `0893800012345${gtinCheckDigit('0893800012345')}`;
    expect(typedCodePath(`(01)${gtin}(10)TC261020-A`)).toBe(`/01/${gtin}/10/TC261020-A`);
    expect(typedCodePath('(01)08938000123450(10)TC261020-A')).toBe(
      gtin === '08938000123450' ? '/01/08938000123450/10/TC261020-A' : undefined,
    );
    expect(typedCodePath('https://cho.example/truy-xuat/l/VTH260612-B7')).toBe('/l/VTH260612-B7');
    expect(typedCodePath('')).toBeUndefined();
    expect(typedCodePath('https://evil.example/not-a-code')).toBeUndefined();
  });
});
