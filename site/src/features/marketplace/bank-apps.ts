import type { PayableOrder } from '@chophien/core';
import { bankByBin } from '@chophien/vietqr';

/**
 * Bank apps that open on a transfer already filled in (account, amount, content) from a link, through
 * the deeplink service the VietQR directory publishes for them (docs/decisions/0610). Only apps listed
 * there as filling the transfer in: a link that opens an app on an empty screen helps nobody.
 */
const AUTOFILL_APPS = [
  { app: 'mb', name: 'MB Bank' },
  { app: 'icb', name: 'VietinBank iPay' },
  { app: 'bidv', name: 'BIDV SmartBanking' },
  { app: 'acb', name: 'ACB ONE' },
  { app: 'ocb', name: 'OCB OMNI' },
] as const;

export interface BankAppLink {
  readonly name: string;
  readonly href: string;
}

/** `https://dl.vietqr.io/pay?app=mb&am=…&tn=…&ba=<account>@<bank>&bn=…` for each app; [] when nothing is owed. */
export function bankAppLinks(
  order: Pick<PayableOrder, 'payTo' | 'remainderVnd' | 'memo'>,
  returnUrl: string,
): BankAppLink[] {
  const bank = order.payTo ? bankByBin(order.payTo.bankBin) : undefined;
  if (!order.payTo || !bank || order.remainderVnd <= 0) return [];
  const query = (app: string) =>
    // `ba` keeps its "@" and `url` its scheme, as the service asks; the rest is query-encoded.
    `app=${app}&am=${order.remainderVnd}&tn=${encodeURIComponent(order.memo)}` +
    `&ba=${order.payTo?.accountNumber}@${bank.code.toLowerCase()}` +
    `&bn=${encodeURIComponent(order.payTo?.accountName ?? '')}&url=${returnUrl}`;
  return AUTOFILL_APPS.map(({ app, name }) => ({ name, href: `https://dl.vietqr.io/pay?${query(app)}` }));
}

/** The bank's everyday name ("Vietcombank"), or its BIN when the directory does not know it. */
export const bankName = (bin: string): string => bankByBin(bin)?.shortName ?? bin;
export const bankFullName = (bin: string): string | undefined => bankByBin(bin)?.fullName;
