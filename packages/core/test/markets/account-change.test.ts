import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/identity/user.ts';
import {
  confirmPayoutAccountChange,
  requestPayoutAccountChange,
} from '../../src/marketplace/payout-use-cases.ts';
import { confirmAccountChange, requestAccountChange } from '../../src/markets/account-change.ts';
import { accountChangeSetup, accountInput } from '../support/account-change.ts';

const input = accountInput;
const setup = accountChangeSetup;

const vendorAndFarmer: Actor = { userId: 'u1', roles: ['vendor', 'farmer'] };

describe('account change, generalised to an owner', () => {
  it('a farmer’s confirmed change sets the payout account beside the new account and channel, and moves no stalls', async () => {
    const { deps, replaceAccount, sent, pending } = setup();
    const farmer: Actor = { userId: 'u1', roles: ['farmer'] };
    const { changeId } = await requestPayoutAccountChange(deps, farmer, input);
    expect(pending.get(changeId)?.owner).toBe('farmer');
    const result = await confirmPayoutAccountChange(deps, farmer, changeId, { code: sent[0]! });
    const written = replaceAccount.mock.calls[0]![0];
    expect(written.payout).toEqual({
      bankBin: '970436',
      accountNumber: '0451000123999',
      accountName: 'HOANG THI LAN',
      farmerId: 'u1',
      updatedAt: '2026-11-23T03:00:00.000Z',
    });
    expect(written.stallIds).toEqual([]);
    expect(written.retiredAccountIds).toEqual(['old']);
    expect(written.channel).toMatchObject({
      id: result.channelId,
      accountId: result.accountId,
      provider: 'payos',
    });
    expect(deps.secrets.create).toHaveBeenCalledWith(result.channelId);
  });

  it('a vendor’s change is as before: stalls repointed, no payout account', async () => {
    const { deps, replaceAccount, sent, pending } = setup();
    const vendor: Actor = { userId: 'u1', roles: ['vendor'] };
    const { changeId } = await requestAccountChange(deps, vendor, input);
    expect(pending.get(changeId)).not.toHaveProperty('owner');
    await confirmAccountChange(deps, vendor, changeId, { code: sent[0]! });
    const written = replaceAccount.mock.calls[0]![0];
    expect(written.stallIds).toEqual(['s1']);
    expect(written).not.toHaveProperty('payout');
  });

  it('a change requested as a farmer cannot be confirmed on the vendor route, nor the reverse', async () => {
    const { deps, replaceAccount, sent } = setup();
    const asFarmer = await requestPayoutAccountChange(deps, vendorAndFarmer, input);
    await expect(
      confirmAccountChange(deps, vendorAndFarmer, asFarmer.changeId, { code: sent[0]! }),
    ).rejects.toMatchObject({ code: 'not_found' });
    const asVendor = await requestAccountChange(deps, vendorAndFarmer, input);
    await expect(
      confirmPayoutAccountChange(deps, vendorAndFarmer, asVendor.changeId, { code: sent[1]! }),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect(replaceAccount).not.toHaveBeenCalled();
  });

  it('only the owner role may start either flow', async () => {
    const { deps } = setup();
    const officer: Actor = { userId: 'o1', roles: ['commune_officer'] };
    await expect(requestPayoutAccountChange(deps, officer, input)).rejects.toMatchObject({
      kind: 'forbidden',
    });
    const farmer: Actor = { userId: 'f1', roles: ['farmer'] };
    await expect(requestAccountChange(deps, farmer, input)).rejects.toMatchObject({ kind: 'forbidden' });
  });
});
