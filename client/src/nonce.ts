/** A fresh script nonce from Web Crypto, which both Node and the browser have. */
export function nonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}
