import type { LocalizedMessage } from '../errors/domain-error.ts';
import type { Role } from '../identity/roles.ts';

/** What each role is called on screens, in invitations and in the audit export. */
export const roleLabels: Record<Role, LocalizedMessage> = {
  buyer: { vi: 'người mua', en: 'buyer' },
  farmer: { vi: 'hộ sản xuất', en: 'farming household' },
  vendor: { vi: 'tiểu thương', en: 'market vendor' },
  market_manager: { vi: 'quản lý chợ', en: 'market manager' },
  commune_officer: { vi: 'cán bộ xã', en: 'commune officer' },
  admin: { vi: 'quản trị viên tỉnh', en: 'province administrator' },
  stall_helper: { vi: 'người phụ bán hàng', en: 'stall helper' },
  digital_helper: { vi: 'thành viên tổ công nghệ số cộng đồng', en: 'community digital team member' },
};
