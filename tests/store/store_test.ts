import assert from "node:assert/strict";
import { z } from "zod";
import {
  assertValueFits,
  commitOrConflict,
  listPage,
  MAX_VALUE_BYTES,
  monotonicIds,
  openStore,
  retryOnConflict,
  setChecked,
  StoreConflictError,
  ValueTooLargeError,
} from "../../core/store/mod.ts";

Deno.test("ids increase strictly, also within one millisecond, and sort by time", () => {
  let time = 1_800_000_000_000;
  const nextId = monotonicIds(() => time);
  const ids = Array.from({ length: 1000 }, () => nextId());
  time += 1;
  ids.push(nextId());
  time -= 10; // a clock stepping back does not break the order
  ids.push(nextId());
  assert.deepEqual([...ids].sort(), ids);
  assert.equal(new Set(ids).size, ids.length);
  assert.ok(ids.every((id) => /^[0-9A-HJKMNP-TV-Z]{26}$/.test(id)));
});

Deno.test("values over the size guard are refused before KV sees them", async (t) => {
  using store = await openStore({ path: ":memory:" });
  const key = ["test", "big"];
  await t.step("a value just under the guard is written", async () => {
    const fits = { text: "a".repeat(MAX_VALUE_BYTES - 100) };
    assertValueFits(key, fits);
    await setChecked(store.kv.atomic(), key, fits).commit();
    assert.ok((await store.kv.get(key)).versionstamp);
  });
  await t.step("one over it is a ValueTooLargeError naming key and size", () => {
    const tooBig = { text: "a".repeat(MAX_VALUE_BYTES) };
    assert.throws(() => setChecked(store.kv.atomic(), key, tooBig), (error: unknown) => {
      assert.ok(error instanceof ValueTooLargeError);
      assert.ok(error.bytes > MAX_VALUE_BYTES);
      assert.match(error.message, /"test","big"/);
      return true;
    });
  });
  await t.step("multi-byte text counts by its serialised bytes, not its length", () => {
    assert.throws(
      () => assertValueFits(key, { text: "가".repeat(MAX_VALUE_BYTES / 2) }),
      ValueTooLargeError,
    );
  });
});

Deno.test("optimistic concurrency: a stale check is a conflict, and the retry re-reads", async (t) => {
  using store = await openStore({ path: ":memory:" });
  const kv = store.kv;
  const key = ["test", "counter"];
  await t.step("a commit over a changed entry throws StoreConflictError", async () => {
    const seen = await kv.get<number>(key);
    await kv.set(key, 5);
    await assert.rejects(
      commitOrConflict(kv.atomic().check(seen).set(key, 1), "counter"),
      StoreConflictError,
    );
    assert.equal((await kv.get(key)).value, 5);
  });
  await t.step("20 concurrent read-modify-write increments all land", async () => {
    const increment = () =>
      retryOnConflict(async () => {
        const entry = await kv.get<number>(key);
        await commitOrConflict(
          kv.atomic().check(entry).set(key, (entry.value ?? 0) + 1),
          "counter",
        );
      }, { attempts: 100 });
    await Promise.all(Array.from({ length: 20 }, increment));
    assert.equal((await kv.get(key)).value, 25);
  });
  await t.step("other errors are not retried", async () => {
    let calls = 0;
    await assert.rejects(
      retryOnConflict(() => {
        calls++;
        return Promise.reject(new TypeError("bug"));
      }),
      TypeError,
    );
    assert.equal(calls, 1);
  });
});

Deno.test("listing pages with cursors, values parsed by schema", async (t) => {
  using store = await openStore({ path: ":memory:" });
  const schema = z.object({ n: z.number().int() });
  for (let n = 0; n < 25; n++) await store.kv.set(["test", "items", n], { n });
  await t.step("pages of 10 walk all 25 items in key order; the last has no cursor", async () => {
    const seen: number[] = [];
    const cursors: (string | null)[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listPage<typeof schema>>> = await listPage(
        store.kv,
        { prefix: ["test", "items"] },
        schema,
        { limit: 10, cursor },
      );
      seen.push(...page.items.map((i) => i.n));
      cursor = page.cursor;
      cursors.push(cursor);
    } while (cursor !== null);
    assert.deepEqual(seen, Array.from({ length: 25 }, (_, i) => i));
    assert.equal(cursors.length, 3);
  });
  await t.step("an exact multiple of the limit ends without an empty extra page", async () => {
    const page = await listPage(store.kv, { prefix: ["test", "items"] }, schema, { limit: 25 });
    assert.equal(page.items.length, 25);
    assert.equal(page.cursor, null);
  });
  await t.step("reverse lists newest first", async () => {
    const page = await listPage(store.kv, { prefix: ["test", "items"] }, schema, {
      limit: 3,
      reverse: true,
    });
    assert.deepEqual(page.items.map((i) => i.n), [24, 23, 22]);
  });
  await t.step("a value that does not match the schema fails loudly", async () => {
    await store.kv.set(["test", "items", 99], { n: "x" });
    await assert.rejects(
      listPage(store.kv, { prefix: ["test", "items"] }, schema, { limit: 1000 }),
      (error: unknown) => error instanceof z.ZodError,
    );
  });
});
