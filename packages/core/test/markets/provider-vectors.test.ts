/**
 * Known-answer tests: signatures computed by the providers themselves, not by our signer.
 *
 * payOS
 * - Vector A: payOS documentation, "Kiểm tra dữ liệu với signature"
 *   (https://payos.vn/docs/tich-hop-webhook/kiem-tra-du-lieu-voi-signature/): the sample webhook with
 *   checksum key 1a54716c…7675 and signature 412e915d…aa03.
 * - Vector B: payOS's official Node SDK, github.com/payOSHQ/payos-lib-node, `tests/crypto/testCases.json`
 *   (case "webhook", commit 164634f02bc92060f38bd2ad8340519cbbe223b5) signed with the key of
 *   `tests/crypto/helper.ts` (`test_checksum_key`); two "body" cases of the same file as well.
 *
 * SePay
 * - SePay documents the HMAC-SHA256 webhook scheme (https://developer.sepay.vn/en/sepay-webhooks/xac-thuc,
 *   .../bao-mat): header `X-SePay-Signature: sha256=<hex>` over `<X-SePay-Timestamp>.<raw body>`, 5-minute
 *   window. Neither page nor `sepay-pg-node` publishes a signed example (searched), so the vector below is
 *   SePay's documented sample webhook body signed by an independent implementation (OpenSSL:
 *   `printf '%s' "1700000000.<body>" | openssl dgst -sha256 -hmac 'sepay-doc-secret'`), recorded here.
 *   It pins the documented message layout and header format, not our own signer.
 */
import { describe, expect, it } from 'vitest';
import {
  readBankNotification,
  SEPAY_SIGNATURE_HEADER,
  SEPAY_TIMESTAMP_HEADER,
} from '../../src/markets/bank-notifications.ts';
import { verifyPayOs, verifySePay } from '../../src/markets/signatures.ts';

const payOsDocs = {
  key: '1a54716c8f0efb2744fb28b6e38b25da7f67a925d98bc1c18bd8faaecadd7675',
  data: {
    orderCode: 123,
    amount: 3000,
    description: 'VQRIO123',
    accountNumber: '12345678',
    reference: 'TF230204212323',
    transactionDateTime: '2023-02-04 18:25:00',
    currency: 'VND',
    paymentLinkId: '124c33293c43417ab7879e14c8d9eb18',
    code: '00',
    desc: 'Thành công',
    counterAccountBankId: '',
    counterAccountBankName: '',
    counterAccountName: '',
    counterAccountNumber: '',
    virtualAccountName: '',
    virtualAccountNumber: '',
  },
  signature: '412e915d2871504ed31be63c8f62a149a4410d34c4c42affc9006ef9917eaa03',
};

const SDK_KEY = 'test_checksum_key';
const payOsSdkWebhook = {
  data: {
    accountNumber: '0123456789',
    amount: 20000,
    description: 'thanh toan',
    reference: 'FT-REFERENCE',
    transactionDateTime: '2025-12-12 09:00:00',
    virtualAccountNumber: '',
    counterAccountBankId: '01202001',
    counterAccountBankName: '',
    counterAccountName: 'NGUYEN VAN A',
    counterAccountNumber: '9876543210',
    virtualAccountName: '',
    currency: 'VND',
    orderCode: 0,
    paymentLinkId: 'payment-link-id',
    code: '00',
    desc: 'success',
  },
  signature: '302b3becca1672dff99daafae2965f40e48ea3ca39453e4bf37fbcc26807a0e8',
};

describe('payOS known answers', () => {
  it('verifies the documentation’s sample webhook (Vietnamese text in `desc`)', () => {
    expect(verifyPayOs(payOsDocs.key, payOsDocs.data, payOsDocs.signature)).toBe(true);
    expect(verifyPayOs(payOsDocs.key, { ...payOsDocs.data, amount: 3001 }, payOsDocs.signature)).toBe(false);
  });

  it('verifies the SDK’s webhook case, and a whole envelope reads as a payment with its payer', () => {
    expect(verifyPayOs(SDK_KEY, payOsSdkWebhook.data, payOsSdkWebhook.signature)).toBe(true);
    const reading = readBankNotification({
      provider: 'payos',
      rawBody: JSON.stringify({ code: '00', desc: 'success', success: true, ...payOsSdkWebhook }),
      secret: SDK_KEY,
      now: new Date('2025-12-12T02:30:00Z'),
      header: () => undefined,
    });
    expect(reading).toEqual({
      kind: 'payment',
      payment: {
        provider: 'payos',
        providerTransactionId: 'FT-REFERENCE',
        amountVnd: 20_000,
        memo: 'thanh toan',
        receivedAt: '2025-12-12T02:00:00.000Z',
        receivingAccount: { accountNumber: '0123456789' },
        payer: { name: 'NGUYEN VAN A', accountNumber: '9876543210', bankId: '01202001' },
      },
    });
  });

  it('verifies the SDK’s "body" cases (nulls as empty, empty arrays as JSON)', () => {
    const pending = {
      id: 'payment-link-id',
      orderCode: 0,
      amount: 2000,
      amountPaid: 0,
      amountRemaining: 2000,
      status: 'PENDING',
      createdAt: '2025-12-12T09:00:00+07:00',
      transactions: [],
      canceledAt: null,
      cancellationReason: null,
    };
    expect(
      verifyPayOs(SDK_KEY, pending, '33093364158b143baa9ecd2e705d9a2a5a5d391a3cab7cb0a371588b3731368f'),
    ).toBe(true);
    expect(
      verifyPayOs(
        SDK_KEY,
        {
          ...pending,
          status: 'CANCELLED',
          canceledAt: '2025-12-12T09:00:00+07:00',
          cancellationReason: 'cancel reason',
        },
        '10c181c89bda5b855327e3e16494b9e8409e6b85a2a90f20177af99f8b12eaa9',
      ),
    ).toBe(true);
  });
});

const sePayDocBody =
  '{"id":92704,"gateway":"Vietcombank","transactionDate":"2023-03-25 14:02:37","accountNumber":"0123499999","code":null,"content":"chuyen tien mua iphone","transferType":"in","transferAmount":2277000,"accumulated":19077000,"subAccount":null,"referenceCode":"MBVCB.3278907687","description":""}';
const SEPAY_KEY = 'sepay-doc-secret';
const SEPAY_STAMP = '1700000000';
const SEPAY_OPENSSL_SIGNATURE = '26b35f956b55800e58baa879b9c0bb43b617c715b219fcb0a4c59d7f696e9542';

describe('SePay known answer', () => {
  const now = new Date(Number(SEPAY_STAMP) * 1000 + 60_000);
  it('verifies the documented header format `sha256=<hex>` over `<timestamp>.<raw body>`', () => {
    const check = (signature: string, rawBody = sePayDocBody) =>
      verifySePay({ secret: SEPAY_KEY, rawBody, timestamp: SEPAY_STAMP, signature, now });
    expect(check(`sha256=${SEPAY_OPENSSL_SIGNATURE}`)).toBe('ok');
    expect(check(SEPAY_OPENSSL_SIGNATURE)).toBe('ok');
    expect(check(`sha256=${SEPAY_OPENSSL_SIGNATURE}`, sePayDocBody.replace('2277000', '2277001'))).toBe(
      'forged',
    );
  });

  it('reads the documented sample as one incoming payment', () => {
    const reading = readBankNotification({
      provider: 'sepay',
      rawBody: sePayDocBody,
      secret: SEPAY_KEY,
      now,
      header: (name) =>
        ({
          [SEPAY_TIMESTAMP_HEADER]: SEPAY_STAMP,
          [SEPAY_SIGNATURE_HEADER]: `sha256=${SEPAY_OPENSSL_SIGNATURE}`,
        })[name],
    });
    expect(reading).toEqual({
      kind: 'payment',
      payment: {
        provider: 'sepay',
        providerTransactionId: '92704',
        amountVnd: 2_277_000,
        memo: 'chuyen tien mua iphone',
        receivedAt: '2023-03-25T07:02:37.000Z',
        receivingAccount: { accountNumber: '0123499999' },
      },
    });
  });
});
