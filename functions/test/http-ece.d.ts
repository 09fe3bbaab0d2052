/** http_ece (RFC 8188 encrypted content encoding, web-push's own dependency) ships no types. */
declare module 'http_ece' {
  const ece: {
    decrypt(
      body: Buffer,
      params: { version: 'aes128gcm'; privateKey: import('node:crypto').ECDH; authSecret: string },
    ): Buffer;
  };
  export default ece;
}
