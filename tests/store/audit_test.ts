import assert from "node:assert/strict";
import { AuditLog, KEYS, monotonicIds, openStore } from "../../core/store/mod.ts";

Deno.test("the audit log is append-only and ordered by time", async (t) => {
  using store = await openStore({ path: ":memory:" });
  let time = 1_800_000_000_000;
  const audit = new AuditLog(store.kv, monotonicIds(() => time), () => time);

  await t.step("entries list in the order they were appended, also within one ms", async () => {
    for (let i = 0; i < 30; i++) {
      if (i % 10 === 0) time += 1000;
      await audit.append({ kind: "config", action: "set", subject: `s${i}`, data: { i } });
    }
    const all = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<AuditLog["list"]>> = await audit.list({ limit: 7, cursor });
      all.push(...page.items.filter((e) => e.kind === "config"));
      cursor = page.cursor;
    } while (cursor);
    assert.deepEqual(all.map((e) => e.subject), Array.from({ length: 30 }, (_, i) => `s${i}`));
    assert.deepEqual(all.map((e) => e.at), [...all.map((e) => e.at)].sort((a, b) => a - b));
  });

  await t.step("an append rides in the atomic op of its change and fails with it", async () => {
    const before = (await audit.list({ limit: 1000 })).items.length;
    const stale = await store.kv.get(["test", "x"]);
    await store.kv.set(["test", "x"], 1);
    const op = store.kv.atomic().check(stale).set(["test", "x"], 2);
    audit.appendTo(op, { kind: "config", action: "set", subject: "x" });
    assert.equal((await op.commit()).ok, false);
    assert.equal((await audit.list({ limit: 1000 })).items.length, before);
  });

  await t.step("an append never overwrites: a reused id is refused", async () => {
    const fixedId = () => "01FIXEDID0000000000000000A";
    const first = new AuditLog(store.kv, fixedId, () => time);
    await first.append({ kind: "order", action: "a", subject: "o1" });
    await assert.rejects(first.append({ kind: "order", action: "b", subject: "o1" }));
    const kept = await store.kv.get(KEYS.audit(fixedId()));
    assert.equal((kept.value as { action: string }).action, "a");
  });
});
