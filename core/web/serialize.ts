/**
 * Island props on the wire: a flat JSON array where containers refer to their children by index,
 * so a value shared by two islands (a signal above all) arrives as one value. Runs on the server
 * (stringify) and in the browser (parse).
 * @module
 */
import { computed, type ReadonlySignal, Signal, signal } from "@preact/signals";

const UNDEFINED = -1;
const NULL = -2;
const NAN = -3;
const POSITIVE_INFINITY = -4;
const NEGATIVE_INFINITY = -5;
const NEGATIVE_ZERO = -6;
const HOLE = -7;

/** A value that cannot be sent to the browser, with the path to it. */
export class SerializationError extends Error {
  /** @param path keys from the root to the offending value. */
  constructor(readonly path: readonly (string | number)[], readonly reason: string) {
    super(`${path.length > 0 ? path.join(".") : "value"} ${reason}`);
    this.name = "SerializationError";
  }
}

/**
 * Encodes JSON values, `undefined`, non-finite numbers, `-0`, bigints, `Date`, `Uint8Array` and
 * signals into a JSON string; throws {@link SerializationError} on functions, symbols, JSX and
 * class instances.
 * @example
 * ```ts
 * const text = stringify({ when: new Date(0), n: 1 });
 * parse(text); // { when: Date(0), n: 1 }
 * ```
 */
export function stringify(value: unknown): string {
  const slots: unknown[] = [];
  const seen = new Map<unknown, number>();
  const path: (string | number)[] = [];

  const encode = (v: unknown): number => {
    switch (typeof v) {
      case "undefined":
        return UNDEFINED;
      case "number":
        if (Number.isNaN(v)) return NAN;
        if (v === Infinity) return POSITIVE_INFINITY;
        if (v === -Infinity) return NEGATIVE_INFINITY;
        if (Object.is(v, -0)) return NEGATIVE_ZERO;
        return slots.push(v) - 1;
      case "string":
      case "boolean":
        return slots.push(v) - 1;
      case "bigint":
        return slots.push(["BigInt", v.toString()]) - 1;
      case "function":
        throw new SerializationError(
          path,
          "is a function; functions cannot be sent to the browser",
        );
      case "symbol":
        throw new SerializationError(path, "is a symbol; symbols cannot be sent to the browser");
    }
    if (v === null) return NULL;
    const known = seen.get(v);
    if (known !== undefined) return known;
    const index = slots.push(null) - 1;
    seen.set(v, index);
    slots[index] = encodeObject(v as object);
    return index;
  };

  const child = (key: string | number, v: unknown): number => {
    path.push(key);
    const index = encode(v);
    path.pop();
    return index;
  };

  const encodeObject = (v: object): unknown => {
    if (v instanceof Signal) {
      const tag = isComputed(v) ? "Computed" : "Signal";
      return [tag, child("value", v.peek())];
    }
    if (v instanceof Date) return ["Date", v.toISOString()];
    if (v instanceof Uint8Array) return ["Uint8Array", toBase64(v)];
    if (Array.isArray(v)) {
      const out: number[] = [];
      for (let i = 0; i < v.length; i++) out.push(i in v ? child(i, v[i]) : HOLE);
      return out;
    }
    const proto = Object.getPrototypeOf(v);
    if (isVNode(v)) {
      throw new SerializationError(
        path,
        "is JSX; pass data to islands and build the markup inside them",
      );
    }
    if (proto !== Object.prototype && proto !== null) {
      const name = (v as { constructor?: { name?: string } }).constructor?.name ?? "object";
      throw new SerializationError(
        path,
        `is a ${name} instance; only plain objects can be sent to the browser`,
      );
    }
    const out: Record<string, number> = {};
    for (const [key, item] of Object.entries(v)) out[key] = child(key, item);
    return out;
  };

  encode(value);
  return JSON.stringify(slots);
}

/** Reverses {@link stringify}: equal values, one `signal` per distinct server signal. */
export function parse(text: string): unknown {
  const slots = JSON.parse(text) as unknown[];
  if (slots.length === 0) return undefined;
  const done = new Map<number, unknown>();

  const decode = (index: number): unknown => {
    switch (index) {
      case UNDEFINED:
      case HOLE:
        return undefined;
      case NULL:
        return null;
      case NAN:
        return NaN;
      case POSITIVE_INFINITY:
        return Infinity;
      case NEGATIVE_INFINITY:
        return -Infinity;
      case NEGATIVE_ZERO:
        return -0;
    }
    if (done.has(index)) return done.get(index);
    const raw = slots[index];
    if (raw === null || typeof raw !== "object") {
      done.set(index, raw);
      return raw;
    }
    if (Array.isArray(raw) && typeof raw[0] === "string") return decodeTagged(index, raw);
    if (Array.isArray(raw)) {
      const out: unknown[] = new Array(raw.length);
      done.set(index, out);
      raw.forEach((item, i) => {
        if (item !== HOLE) out[i] = decode(item as number);
      });
      return out;
    }
    const out: Record<string, unknown> = {};
    done.set(index, out);
    for (const [key, item] of Object.entries(raw)) out[key] = decode(item as number);
    return out;
  };

  const decodeTagged = (index: number, [tag, payload]: unknown[]): unknown => {
    let value: unknown;
    switch (tag) {
      case "Date":
        value = new Date(payload as string);
        break;
      case "BigInt":
        value = BigInt(payload as string);
        break;
      case "Uint8Array":
        value = fromBase64(payload as string);
        break;
      case "Signal": {
        const s = signal<unknown>(undefined);
        done.set(index, s);
        s.value = decode(payload as number);
        return s;
      }
      case "Computed": {
        const inner = decode(payload as number);
        value = computed(() => inner);
        break;
      }
      default:
        throw new Error(`unknown serialised tag "${String(tag)}"`);
    }
    done.set(index, value);
    return value;
  };

  return decode(0);
}

/**
 * Escapes serialised JSON for a `<script type="application/json">` element: `<` becomes `\u003c`,
 * so no `</script>` or `<!--` in the data can end or alter the element.
 */
export function escapeForScript(json: string): string {
  return json.replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

function isComputed(s: Signal): s is ReadonlySignal {
  return Object.getPrototypeOf(s) !== Signal.prototype;
}

function isVNode(v: object): boolean {
  return "type" in v && "props" in v && (v as { constructor?: unknown }).constructor === undefined;
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
