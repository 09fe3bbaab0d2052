import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { StallHelperLink, UserProfile } from '@chophien/core';
import { type Db, stallHelperKey, userRepository } from '@chophien/db';
import { seedId } from './ids.ts';
import type { SeedSet } from './index.ts';

const CREATED = '2026-10-01T01:00:00.000Z';

/**
 * The roles onboarding added (decision 0820), one demo person each: vendor 1's son helps at her stall A01,
 * and a community digital team member works in xã Tân Cương beside its officer.
 */
export const onboardingPeople: UserProfile[] = [
  {
    id: seedId('helper', 1),
    phone: '+84987000015',
    name: 'Vũ Minh Khôi',
    roles: ['stall_helper'],
    grants: [{ role: 'stall_helper', stallId: seedId('stall', 1), vendorId: seedId('vendor', 1) }],
    status: 'active',
    createdAt: CREATED,
  },
  {
    id: seedId('digital', 1),
    phone: '+84987000033',
    name: 'Lò Thị Duyên',
    roles: ['digital_helper'],
    grants: [{ role: 'digital_helper', province: 'Thái Nguyên', commune: 'xã Tân Cương' }],
    province: 'Thái Nguyên',
    commune: 'xã Tân Cương',
    status: 'active',
    createdAt: CREATED,
  },
];

const helperLink: StallHelperLink = {
  stallId: seedId('stall', 1),
  vendorId: seedId('vendor', 1),
  helperId: seedId('helper', 1),
  name: 'Vũ Minh Khôi',
  phone: '+84987000015',
  addedAt: CREATED,
  addedBy: seedId('vendor', 1),
};

export const onboardingSeedSets: SeedSet[] = [
  {
    name: 'onboarding-v1',
    async apply(db: Db) {
      const users = userRepository(db);
      for (const person of onboardingPeople) await users.put(person);
      await db.doc.send(
        new PutCommand({
          TableName: db.tableName,
          Item: {
            ...stallHelperKey(helperLink.stallId, helperLink.helperId),
            type: 'StallHelper',
            ...helperLink,
          },
        }),
      );
      return onboardingPeople.length + 1;
    },
  },
];
