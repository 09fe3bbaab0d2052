// Onboarding's repositories (implementing packages/core/src/onboarding ports).
export * from './onboarding-store.ts';
