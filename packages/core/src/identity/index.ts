export * from './phone.ts';
export * from './profile.ts';
export * from './roles.ts';
export * from './sign-in-codes.ts';
export * from './user.ts';
