/** The store's error classes: a lost optimistic-concurrency race, and a value too large for KV. */

/** An atomic commit whose versionstamp checks failed: someone else wrote first. */
export class StoreConflictError extends Error {
  /** What was being written, for the message and logs. */
  readonly what: string;

  /** A conflict while writing `what`. */
  constructor(what: string) {
    super(`conflict writing ${what}: another writer changed it first`);
    this.name = "StoreConflictError";
    this.what = what;
  }
}

/** A value over the store's size guard, refused before KV sees it. */
export class ValueTooLargeError extends Error {
  /** The serialised size in bytes. */
  readonly bytes: number;

  /** `key`'s value serialises to `bytes`, over `limit`. */
  constructor(key: Deno.KvKey, bytes: number, limit: number) {
    super(`value for ${JSON.stringify(key)} is ${bytes} bytes, over the ${limit}-byte limit`);
    this.name = "ValueTooLargeError";
    this.bytes = bytes;
  }
}
