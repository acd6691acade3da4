import assert from "node:assert/strict";
import { serialize } from "node:v8";
import { deleteParts, PART_CHARS, readParts, writeParts } from "@/core/lab/mod.ts";
import { MAX_VALUE_BYTES, PREFIXES } from "@/core/store/mod.ts";

Deno.test("a result over KV's value limit is written in parts that each fit, and read back whole", async () => {
  using kv = await Deno.openKv(":memory:");
  // two-byte characters are the worst case for a part's serialised size
  const report = {
    name: "삼성전자 이동평균 교차",
    equity: Array.from({ length: 5_000 }, (_, i) => ({ date: `2026-01-${i}`, equity: 1e7 + i })),
    notes: "여의도".repeat(40_000),
  };
  const count = await writeParts(kv, "run-1", "result", report);
  assert.ok(count > 3, `${count} parts`);
  const parts = [];
  for await (const entry of kv.list<string>({ prefix: [...PREFIXES.backtestParts, "run-1"] })) {
    parts.push(entry);
  }
  assert.equal(parts.length, count);
  for (const part of parts) {
    assert.ok(part.value.length <= PART_CHARS);
    assert.ok(serialize(part.value).byteLength <= MAX_VALUE_BYTES);
  }
  assert.deepEqual(await readParts(kv, "run-1", "result", count), report);

  await writeParts(kv, "run-1", "request", { series: [] });
  await deleteParts(kv, "run-1");
  const left = [];
  for await (const entry of kv.list({ prefix: PREFIXES.backtestParts })) left.push(entry.key);
  assert.deepEqual(left, []);
});

Deno.test("reading parts that are missing fails loudly", async () => {
  using kv = await Deno.openKv(":memory:");
  await writeParts(kv, "run-2", "result", { a: 1 });
  await assert.rejects(() => readParts(kv, "run-2", "result", 2), /part 1 is missing/);
});
