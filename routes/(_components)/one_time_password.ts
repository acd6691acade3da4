/**
 * A password the users page makes when the admin leaves the field empty: 18 random bytes as
 * base64url (24 characters), shown once on the page and never stored in clear.
 * @module
 */

/** A new random one-time password. */
export function oneTimePassword(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes)).replaceAll("+", "-").replaceAll("/", "_");
}
