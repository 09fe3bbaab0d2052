/**
 * The largest photo the storefront's no-JavaScript page can take. The file travels inside the form
 * post to the storefront's Lambda function URL, whose request payload is capped at 6 MB and carries a
 * binary body base64-encoded (×4/3): about 4.4 MB of form, so 4 MB of photo with room for the rest of
 * the form. The API's presigned upload (straight to S3) keeps the core limit (PHOTO_LIMITS.maxBytes).
 */
export const STOREFRONT_PHOTO_MAX_BYTES = 4 * 1024 * 1024;
export const STOREFRONT_PHOTO_MAX_MB = STOREFRONT_PHOTO_MAX_BYTES / (1024 * 1024);
