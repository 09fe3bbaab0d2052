/**
 * Contract C5: the one way core asks for a text message to be sent. Adapters live in functions/shared/sms.ts
 * (SNS on AWS, the dev outbox file locally); core never knows which.
 */
export interface SmsMessage {
  /** E.164, as profiles store phones: +84… */
  readonly to: string;
  readonly text: string;
}

export interface SmsSender {
  send(message: SmsMessage): Promise<void>;
}

/**
 * "At most one of these per key per window", decided by one conditional write so that concurrent requests
 * (ten scans of the same label at once) agree on a single winner.
 */
export interface NotificationClaims {
  /** True for exactly one caller per key until `windowMs` after the last successful claim. */
  claim(key: string, at: Date, windowMs: number): Promise<boolean>;
  /** Gives a claim back (the message could not be sent), so the next event may try again. */
  release(key: string, at: Date): Promise<void>;
}
