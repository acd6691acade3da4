/**
 * ULID-like ids: 48 bits of milliseconds and 80 random bits in Crockford base32 (26 characters),
 * so they sort by creation time; within one generator they are strictly increasing even inside
 * one millisecond (the random part is incremented, as the ULID spec's monotonic mode does).
 * @module
 */

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const RANDOM_CHARS = 16;

/** A source of increasing ids. */
export type IdGenerator = () => string;

/**
 * A monotonic id generator reading time from `now` (epoch ms).
 *
 * @example
 * const nextId = monotonicIds(Date.now);
 * nextId() < nextId() // true
 */
export function monotonicIds(now: () => number): IdGenerator {
  let lastTime = -1;
  let lastRandom: number[] = [];
  return () => {
    const time = Math.max(now(), lastTime);
    if (time === lastTime) {
      lastRandom = increment(lastRandom);
    } else {
      lastTime = time;
      lastRandom = Array.from(
        crypto.getRandomValues(new Uint8Array(RANDOM_CHARS)),
        // the top bit stays clear, so increments within one millisecond never overflow in practice
        (byte, i) => i === 0 ? byte % 16 : byte % 32,
      );
    }
    return encodeTime(time) + lastRandom.map((digit) => ALPHABET[digit]).join("");
  };
}

function encodeTime(time: number): string {
  let out = "";
  let rest = time;
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

function increment(digits: readonly number[]): number[] {
  const next = [...digits];
  for (let i = next.length - 1; i >= 0; i--) {
    if (next[i]! < 31) {
      next[i] = next[i]! + 1;
      return next;
    }
    next[i] = 0;
  }
  throw new RangeError("id space of one millisecond exhausted");
}
