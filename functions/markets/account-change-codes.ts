import type { CodeSender, SmsSender, UserProfile } from '@chophien/core';

/**
 * On AWS the account-change code (vendors' payment accounts, farmers' payout accounts) goes by SMS to
 * the phone on the owner's profile: never to a number given with the request, so a stolen session
 * cannot route the code to itself.
 */
export function smsAccountChangeCodes(
  users: { get(id: string): Promise<UserProfile | undefined> },
  sms: SmsSender,
): CodeSender {
  return {
    async send(ownerId, code) {
      const owner = await users.get(ownerId);
      if (!owner) throw new Error('account change: the owner has no profile to send the code to');
      await sms.send({
        to: owner.phone,
        text:
          `Chợ Phiên: mã xác nhận đổi tài khoản nhận tiền là ${code}, hết hạn sau 10 phút. ` +
          `Không đưa mã này cho ai. / Account change code ${code}, valid 10 minutes. Do not share it.`,
      });
    },
  };
}
