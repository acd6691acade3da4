import assert from "node:assert/strict";
import { join } from "node:path";
import { type Migration, openStore, schemaVersion } from "../../core/store/mod.ts";

/** A migration that counts its runs in KV (`sum` is atomic, so concurrent runs would both count). */
function countingMigration(version: number, delayMs = 0): Migration {
  return {
    version,
    name: `count ${version}`,
    up: async (kv) => {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      await kv.atomic().sum(["test", "runs", version], 1n).commit();
    },
  };
}

Deno.test("migrations run once at start-up", async (t) => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "nested", "store.kv");
    await t.step("a fresh file is migrated to the last version, its folder created", async () => {
      using store = await openStore({ path, migrations: [countingMigration(1)] });
      assert.equal(store.schemaVersion, 1);
      assert.equal(await schemaVersion(store.kv), 1);
    });

    await t.step("two openers racing on one file run each new migration exactly once", async () => {
      const migrations = [countingMigration(1), countingMigration(2, 50), countingMigration(3)];
      const [a, b] = await Promise.all([
        openStore({ path, migrations }),
        openStore({ path, migrations }),
      ]);
      try {
        assert.equal(a.schemaVersion, 3);
        assert.equal(b.schemaVersion, 3);
        const runs = await a.kv.getMany<Deno.KvU64[]>([
          ["test", "runs", 1],
          ["test", "runs", 2],
          ["test", "runs", 3],
        ]);
        assert.deepEqual(runs.map((r) => r.value?.value), [1n, 1n, 1n]);
        const audit = await a.audit.list();
        assert.deepEqual(
          audit.items.filter((e) => e.kind === "migration").map((e) => e.subject),
          ["1", "2", "3"],
        );
      } finally {
        a.close();
        b.close();
      }
    });

    await t.step("reopening an up-to-date file runs nothing", async () => {
      using store = await openStore({
        path,
        migrations: [countingMigration(1), countingMigration(2), countingMigration(3)],
      });
      const runs = await store.kv.get<Deno.KvU64>(["test", "runs", 2]);
      assert.equal(runs.value?.value, 1n);
    });

    await t.step("an expired lease left by a dead process is taken over", async () => {
      using store = await openStore({ path, migrations: [countingMigration(1)] });
      await store.kv.set(["schema", "lease"], { owner: "dead", until: Date.now() - 1 });
      store.close();
      using again = await openStore({
        path,
        migrations: [1, 2, 3, 4].map((v) => countingMigration(v)),
      });
      assert.equal(again.schemaVersion, 4);
      assert.equal((await again.kv.get(["schema", "lease"])).value, null);
    });

    await t.step("versions out of order are refused", async () => {
      await assert.rejects(
        openStore({ path: ":memory:", migrations: [countingMigration(2)] }),
        RangeError,
      );
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
