/**
 * JSON text in parts: a lab job's request (bars sent inline can be megabytes) and result (a
 * report's equity curve and trades) are stored as strings of at most {@link PART_CHARS}
 * characters each, so no value nears KV's 64 KiB limit whatever the text's characters.
 * @module
 */
import { assertValueFits, KEYS, PREFIXES, whileKvBusy } from "../store/mod.ts";

/** Characters per part: two bytes each at most as V8 stores strings, under 64 KiB. */
export const PART_CHARS = 30_000;

/**
 * Writes `value` as JSON in parts under the job's `what`, each its own write (KV bounds an atomic
 * operation's size); the caller commits the record that names the part count afterwards, so no
 * reader follows a count to parts that are not there. Returns the part count.
 */
export async function writeParts(
  kv: Deno.Kv,
  id: string,
  what: "request" | "result",
  value: unknown,
): Promise<number> {
  const text = JSON.stringify(value);
  const count = Math.max(1, Math.ceil(text.length / PART_CHARS));
  for (let i = 0; i < count; i++) {
    const key = KEYS.labJobPart(id, what, i);
    const part = text.slice(i * PART_CHARS, (i + 1) * PART_CHARS);
    assertValueFits(key, part);
    await whileKvBusy(() => kv.set(key, part));
  }
  return count;
}

/** Reads the `count` parts of the job's `what` and parses the JSON they hold. */
export async function readParts(
  kv: Deno.Kv,
  id: string,
  what: "request" | "result",
  count: number,
): Promise<unknown> {
  const keys = Array.from({ length: count }, (_, i) => KEYS.labJobPart(id, what, i));
  let text = "";
  for (let i = 0; i < keys.length; i += 10) {
    const entries = await whileKvBusy(() => kv.getMany<string[]>(keys.slice(i, i + 10)));
    for (const entry of entries) {
      if (typeof entry.value !== "string") {
        throw new Error(`lab job ${id}: ${what} part ${String(entry.key.at(-1))} is missing`);
      }
      text += entry.value;
    }
  }
  return JSON.parse(text);
}

/** Deletes every part of the job (request and result). */
export async function deleteParts(kv: Deno.Kv, id: string): Promise<void> {
  const keys: Deno.KvKey[] = [];
  for await (const entry of kv.list({ prefix: [...PREFIXES.backtestParts, id] })) {
    keys.push(entry.key);
  }
  for (let i = 0; i < keys.length; i += 100) {
    const op = kv.atomic();
    for (const key of keys.slice(i, i + 100)) op.delete(key);
    await whileKvBusy(() => op.commit());
  }
}
