import type { OnboardingDeps } from '@chophien/core';
import {
  householdStore,
  listingRepository,
  marketsStore,
  onboardingStore,
  orderRepository,
  payoutAccountRepository,
  privacyStore,
  roundStore,
  traceRepository,
  userRepository,
} from '@chophien/db';
import { photoProcessorFromEnv } from '@chophien/functions/marketplace/photos/sharp-processor';
import { getDb } from '../../lib/services.ts';
import { consoleDeps } from '../admin/services.ts';

let onboarding: OnboardingDeps | undefined;

/** Onboarding's adapters for pages: the console's (people, identity, SMS, clock) plus its own stores. */
export function onboardingDeps(): OnboardingDeps {
  onboarding ??= {
    ...consoleDeps(),
    onboarding: onboardingStore(getDb()),
    households: householdStore(getDb()),
    rounds: roundStore(getDb()),
  };
  return onboarding;
}

/** A consent paper's photo is decoded and re-encoded before it is kept (sharp, as listing photos are). */
export const householdPaperDeps = () => ({ ...onboardingDeps(), images: photoProcessorFromEnv(process.env) });

/** Personal data: consents, the data download and erasure. */
export function privacyDeps() {
  const db = getDb();
  return {
    ...onboardingDeps(),
    privacy: privacyStore(db),
    markets: marketsStore(db),
    payouts: payoutAccountRepository(db),
    listings: listingRepository(db),
    trace: traceRepository(db),
    orders: orderRepository(db),
    users: userRepository(db),
  };
}
