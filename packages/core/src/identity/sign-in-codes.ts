import type { AttemptCounter } from '../limits/attempts.ts';
import { enforceThrottles } from '../limits/throttle.ts';
import { THROTTLES } from '../limits/throttles.ts';

/**
 * Before a sign-in code is sent (an SMS someone pays for, on someone's phone): per phone, per phone per
 * day, and per client network. Throws a `rate_limited` DomainError in the person's words. Both identity
 * adapters (Cognito on AWS, the development provider locally) are called only after this passes.
 */
export async function allowSignInCode(
  deps: { readonly attempts: AttemptCounter },
  request: { readonly phone: string; readonly client: string | undefined; readonly at: Date },
): Promise<void> {
  await enforceThrottles(
    deps.attempts,
    [
      { throttle: THROTTLES.signInCodePerClient, subject: request.client },
      { throttle: THROTTLES.signInCodePerPhone, subject: request.phone },
      { throttle: THROTTLES.signInCodePerPhoneDaily, subject: request.phone },
    ],
    request.at,
  );
}
