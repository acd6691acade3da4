import assert from "node:assert/strict";

const SQLITE3 = "/usr/bin/sqlite3";
/** CI sets REQUIRE_E2E=1: there a missing sqlite3 fails the test instead of skipping it. */
const REQUIRED = Deno.env.get("REQUIRE_E2E") === "1";
const haveSqlite = (() => {
  try {
    return Deno.statSync(SQLITE3).isFile;
  } catch {
    if (!REQUIRED) {
      // deno-lint-ignore no-console -- a skipped test must say why where the person running it looks
      console.error(`KV backup test skipped: no ${SQLITE3} (apt-get install sqlite3)`);
    }
    return false;
  }
})();

/** Commits `["n", i]` and `["last"]` together, so a consistent copy has last = count - 1. */
async function writeUntil(kv: Deno.Kv, done: () => boolean): Promise<number> {
  let i = 0;
  while (!done()) {
    await kv.atomic().set(["n", i], i).set(["last"], i).commit();
    i++;
  }
  return i;
}

Deno.test({
  name: "docs/deploy.md's online backup (sqlite3 .backup) copies a KV file mid-write consistently",
  ignore: !haveSqlite && !REQUIRED,
  fn: async () => {
    assert.ok(haveSqlite, `${SQLITE3} is required here (apt-get install sqlite3)`);
    const dir = await Deno.makeTempDir({ prefix: "yeouido-kv-backup-" });
    try {
      const kv = await Deno.openKv(`${dir}/yeouido.kv`);
      let backedUp = false;
      const writing = writeUntil(kv, () => backedUp);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const backup = await new Deno.Command(SQLITE3, {
        args: [`${dir}/yeouido.kv`, `.backup ${dir}/copy.kv`],
        stderr: "piped",
      }).output();
      await new Promise((resolve) => setTimeout(resolve, 100));
      backedUp = true;
      const written = await writing;
      kv.close();
      assert.equal(backup.code, 0, new TextDecoder().decode(backup.stderr));

      const copy = await Deno.openKv(`${dir}/copy.kv`);
      const last = (await copy.get<number>(["last"])).value;
      const entries = await Array.fromAsync(copy.list({ prefix: ["n"] }));
      copy.close();
      assert.ok(last !== null && last > 0, "the copy holds data");
      assert.equal(entries.length, last + 1, "no commit is torn in the copy");
      assert.ok(written > entries.length, "the app kept writing after the copy was taken");
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
