export * from './auth/principals.ts';
export * from './auth/verify-token.ts';
export * from './config.ts';
export * from './create-handler.ts';
export * from './logger.ts';
export { TOKEN_COOKIE } from './middleware/authenticate.ts';
export { header } from './middleware/request-context.ts';
export * from './problem.ts';
export * from './types.ts';
