import assert from "node:assert/strict";
import { brokerOn, startSharedSimulator } from "../_support/shared_sim.ts";
import { dirname, join } from "node:path";
import { parseSymbolCode } from "../../core/krx/mod.ts";
import { KEYS, openStore, type Store } from "../../core/store/mod.ts";
import { KILL_SWITCH_KEY, setKillSwitch } from "../../core/trading/mod.ts";
import { PROJECT_ROOT } from "../cli/_task.ts";

const ENGINE = new URL("./_kill_switch_engine.ts", import.meta.url).pathname;
/** Orders the child places before the parent flips the switch. */
const BEFORE_FLIP = 5;
/** How long the test waits for the child to see the flip: an event bound, not a speed target. */
const SEE_WITHIN_MS = 1_000;

/** The versionstamp of every order intent in the audit log, by idempotency key. */
async function intentStamps(store: Store): Promise<Map<string, string>> {
  const stamps = new Map<string, string>();
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<Store["audit"]["list"]>> = await store.audit.list({
      limit: 1000,
      cursor,
    });
    for (const entry of page.items) {
      if (entry.kind !== "order" || entry.action !== "intent") continue;
      const stored = await store.kv.get(KEYS.audit(entry.id));
      const key = String((entry.data as { idempotencyKey?: unknown }).idempotencyKey);
      if (stored.versionstamp !== null) stamps.set(key, stored.versionstamp);
    }
    cursor = page.cursor;
  } while (cursor !== null);
  return stamps;
}

/** The next line of the child's stdout, or null at its end. */
function lineReader(stream: ReadableStream<Uint8Array<ArrayBuffer>>) {
  const reader = stream.pipeThrough(new TextDecoderStream()).getReader();
  let rest = "";
  const queued: string[] = [];
  return async (): Promise<string | null> => {
    while (queued.length === 0) {
      const chunk = await reader.read();
      if (chunk.done) return null;
      const parts = (rest + chunk.value).split("\n");
      rest = parts.pop() ?? "";
      queued.push(...parts);
    }
    return queued.shift() ?? null;
  };
}

Deno.test("a kill switch flipped in one process stops the order loop of another on the same KV file: no intent after the flip", async () => {
  const dir = await Deno.makeTempDir();
  const path = join(dir, "switch.kv");
  await using rig = await startSharedSimulator(9);
  const { sim, now } = rig;
  using store = await openStore({ path, now });
  const broker = brokerOn(rig.shared, store.kv);
  try {
    // the token is cached in the file first, so the child never waits on KIS's issuance spacing
    const { lowerLimit } = await broker.getQuote(parseSymbolCode("005930"));
    const crashSim = rig.shared;
    const child = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--allow-net=127.0.0.1",
        "--allow-env",
        "--allow-read",
        `--allow-write=${dirname(path)}`,
        ENGINE,
      ],
      cwd: PROJECT_ROOT,
      env: {
        KS_KV_PATH: path,
        KS_SIM: JSON.stringify(crashSim),
        KS_PRICE: String(lowerLimit),
        NO_COLOR: "1",
      },
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const stderr = new Response(child.stderr).text();
    const next = lineReader(child.stdout);
    const lines: string[] = [];
    const read = async () => {
      const line = await next();
      if (line !== null) lines.push(line);
      return line;
    };
    while (lines.filter((l) => l.startsWith("placed ")).length < BEFORE_FLIP) {
      if (await read() === null) assert.fail(`the child stopped early:\n${await stderr}`);
    }
    await setKillSwitch(store, { on: true, reason: "kill switch process test", by: "test" });
    const flippedAt = performance.timeOrigin + performance.now();
    const switchStamp = (await store.kv.get(KILL_SWITCH_KEY)).versionstamp ?? "";

    let timer: ReturnType<typeof setTimeout> | undefined;
    const seen = await Promise.race([
      (async () => {
        for (;;) {
          const line = await read();
          if (line === null) return null;
          if (line.startsWith("saw ")) return Number(line.split(" ")[1]);
        }
      })(),
      new Promise<"late">((resolve) => timer = setTimeout(() => resolve("late"), SEE_WITHIN_MS)),
    ]);
    clearTimeout(timer);
    assert.notEqual(seen, "late", `the child did not see the flip within ${SEE_WITHIN_MS} ms`);
    assert.ok(typeof seen === "number" && seen >= flippedAt - SEE_WITHIN_MS, `saw at ${seen}`);
    while (await read() !== null);
    const status = await child.status;
    assert.equal(status.code, 0, await stderr);
    assert.equal(lines.at(-1), "done");

    const stamps = await intentStamps(store);
    const placed = lines.filter((l) => l.startsWith("placed ")).map((l) => l.split(" ")[1]);
    const refused = lines.filter((l) => l.startsWith("refused "));
    assert.ok(refused.length >= 3, "the child refused orders after the flip");
    assert.ok(refused.every((l) => l.endsWith(" kill_switch")), refused.join("\n"));
    assert.deepEqual([...stamps.keys()].sort(), [...placed].sort(), "one intent per order placed");
    const late = [...stamps].filter(([, stamp]) => stamp > switchStamp).map(([key]) => key);
    assert.deepEqual(late, [], "no intent was written after the switch turned on");
    const atBroker = sim.market.orders().filter((o) => o.action === "new").length;
    assert.equal(atBroker, placed.length, "every order at the broker has its intent");
  } finally {
    await broker.close();
    await Deno.remove(dir, { recursive: true });
  }
});
