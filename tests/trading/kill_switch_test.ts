import assert from "node:assert/strict";
import { join } from "node:path";
import { openStore } from "../../core/store/mod.ts";
import {
  KILL_SWITCH_OFF,
  readKillSwitch,
  setKillSwitch,
  watchKillSwitch,
} from "../../core/trading/mod.ts";

Deno.test("the kill switch is off until set, and every change is audited", async () => {
  using store = await openStore({ path: ":memory:" });
  assert.deepEqual((await readKillSwitch(store.kv)).state, KILL_SWITCH_OFF);
  await setKillSwitch(store, { on: true, reason: "drill", by: "ops" });
  const { state } = await readKillSwitch(store.kv);
  assert.equal(state.on, true);
  assert.equal(state.reason, "drill");
  await setKillSwitch(store, { on: false, reason: "drill over", by: "ops" });
  const audit = (await store.audit.list()).items.filter((e) => e.subject === "kill_switch");
  assert.deepEqual(audit.map((e) => e.action), ["kill_switch_on", "kill_switch_off"]);
});

Deno.test("a second KV handle on the same file sees the switch turn on", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "store.kv");
    using writer = await openStore({ path });
    using watcher = await openStore({ path });
    const abort = new AbortController();
    const seen: boolean[] = [];
    const watching = (async () => {
      for await (const state of watchKillSwitch(watcher.kv, abort.signal)) {
        seen.push(state.on);
        if (state.on) return performance.now();
      }
      return NaN;
    })();
    while (seen.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const flipped = performance.now();
    await setKillSwitch(writer, { on: true, reason: "test", by: "test" });
    const observed = await watching;
    abort.abort();
    assert.deepEqual(seen, [false, true]);
    assert.ok(observed - flipped < 1000, `seen after ${observed - flipped} ms`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("another process watching the same KV file sees the switch turn on", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "store.kv");
    using writer = await openStore({ path });
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", new URL("./_watch_child.ts", import.meta.url).pathname, path],
      stdout: "piped",
      stderr: "inherit",
    }).spawn();
    const lines = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
    let text = "";
    while (!text.includes("watching")) {
      const next = await lines.read();
      if (next.done) break;
      text += next.value;
    }
    assert.match(text, /watching/);
    await setKillSwitch(writer, { on: true, reason: "test", by: "test" });
    // The child polls every KILL_SWITCH_POLL_MS; a second is the bound the issue sets.
    const deadline = setTimeout(() => child.kill(), 1_000);
    while (!text.includes("on\n")) {
      const next = await lines.read();
      if (next.done) break;
      text += next.value;
    }
    clearTimeout(deadline);
    const status = await child.status;
    assert.match(text, /on\n/, "the child saw the switch turn on within a second");
    assert.equal(status.code, 0);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
