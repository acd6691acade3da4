/**
 * A secret value that prints as `[redacted]`: logged, stringified or inspected, it never shows.
 * @module
 */

const REDACTED = "[redacted]";

/** A token, key or URL with a token in it. Only `reveal()` gives the value. */
export class Secret {
  readonly #value: string;

  /** Wraps `value`. */
  constructor(value: string) {
    this.#value = value;
  }

  /** The value itself, for the one place that sends it. */
  reveal(): string {
    return this.#value;
  }

  /** `[redacted]`. */
  toString(): string {
    return REDACTED;
  }

  /** `[redacted]`, so `JSON.stringify` of a config object cannot leak it. */
  toJSON(): string {
    return REDACTED;
  }

  /** `[redacted]` in `Deno.inspect` and `console.log`. */
  [Symbol.for("Deno.customInspect")](): string {
    return `Secret(${REDACTED})`;
  }
}

/**
 * `text` with every occurrence of each secret replaced by `[redacted]`; used on error messages,
 * because Deno's fetch errors quote the whole URL (and so a bot token or webhook path).
 *
 * @example redact("POST https://x/bot123:abc failed", ["123:abc"]) // "POST https://x/bot[redacted] failed"
 */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  // Longest first, so a secret containing another is replaced whole.
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length > 0) out = out.replaceAll(secret, REDACTED);
  }
  return out;
}
