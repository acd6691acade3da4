/** AES-256-CBC as KIS uses it for fill notices: UTF-8 key (32) and IV (16), base64 text, PKCS#7. */

async function aesKey(key: string, usage: "encrypt" | "decrypt"): Promise<CryptoKey> {
  return await crypto.subtle.importKey("raw", new TextEncoder().encode(key), "AES-CBC", false, [
    usage,
  ]);
}

/** `plain` encrypted with `key` and `iv`, as base64 (what a KIS notice frame carries). */
export async function encryptAes(plain: string, key: string, iv: string): Promise<string> {
  const cipher = await crypto.subtle.encrypt(
    { name: "AES-CBC", iv: new TextEncoder().encode(iv) },
    await aesKey(key, "encrypt"),
    new TextEncoder().encode(plain),
  );
  return btoa(String.fromCharCode(...new Uint8Array(cipher)));
}

/** The text of a base64 AES-256-CBC payload. */
export async function decryptAes(base64: string, key: string, iv: string): Promise<string> {
  const plain = await crypto.subtle.decrypt(
    { name: "AES-CBC", iv: new TextEncoder().encode(iv) },
    await aesKey(key, "decrypt"),
    Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)),
  );
  return new TextDecoder().decode(plain);
}
