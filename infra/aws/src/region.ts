/** Singapore: the closest region to Viet Nam with every service used here. */
export const DEFAULT_REGION = 'ap-southeast-1';
