// Personal data: consents (versioned texts), one's data downloaded, erasure (decisions 0821, 0822).
export * from './consent-texts.ts';
export * from './consents.ts';
export * from './erasure.ts';
export * from './model.ts';
export * from './my-data.ts';
export * from './ports.ts';
