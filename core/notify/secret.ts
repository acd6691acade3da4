/**
 * A secret value that prints as `[redacted]`: logged, stringified or inspected, it never shows.
 * @module
 */

import { REDACTED } from "../obs/redact.ts";

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
