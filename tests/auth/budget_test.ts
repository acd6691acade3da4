import assert from "node:assert/strict";
import { join } from "node:path";
import { consumeBudget } from "@/core/auth/mod.ts";
import { KEYS } from "@/core/store/mod.ts";

const BUDGET = { limit: 150, windowMs: 60_000 };
const NOW = 1_000 * 60_000 + 1_234;

Deno.test("a burst of one caller's requests is counted exactly, once each, by two handles on one file", async () => {
  const dir = await Deno.makeTempDir();
  const path = join(dir, "shared.kv");
  const a = await Deno.openKv(path);
  const b = await Deno.openKv(path);
  try {
    const states = await Promise.all(
      Array.from({ length: 200 }, (_, i) => consumeBudget(i % 2 ? a : b, "user:kim", BUDGET, NOW)),
    );
    assert.equal(states.filter((s) => s.allowed).length, 150);
    const allowedRemaining = states.filter((s) => s.allowed).map((s) => s.remaining);
    assert.deepEqual(
      allowedRemaining.sort((x, y) => x - y),
      Array.from({ length: 150 }, (_, i) => i),
      "each allowed request saw its own count",
    );
    assert.equal((await a.get<number>(KEYS.rateWindow("user:kim", 1_000))).value, 200);
    const next = await consumeBudget(a, "user:kim", BUDGET, NOW);
    assert.deepEqual([next.allowed, next.remaining], [false, 0]);
    const other = await consumeBudget(b, "user:lee", BUDGET, NOW);
    assert.deepEqual([other.allowed, other.remaining], [true, 149], "another caller counts apart");
  } finally {
    a.close();
    b.close();
    await Deno.remove(dir, { recursive: true });
  }
});
