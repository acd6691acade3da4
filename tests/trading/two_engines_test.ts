import assert from "node:assert/strict";
import { brokerOn, startSharedSimulator } from "../_support/shared_sim.ts";
import { dirname, join } from "node:path";
import { parseSymbolCode } from "../../core/krx/mod.ts";
import { openStore, type Store } from "../../core/store/mod.ts";
import { type OrderIntent, OrderJournal } from "../../core/trading/mod.ts";
import { PROJECT_ROOT } from "../cli/_task.ts";
import { CRASH_LIMITS } from "./_crash_engine.ts";

const ENGINE = new URL("./_race_engine.ts", import.meta.url).pathname;
/** Races, each with its own keys and two fresh engine processes. */
const RACES = 4;
const KEYS_PER_RACE = 20;
/** Each engine places its whole list this many times, reconciling in between. */
const ROUNDS = 3;
const IN_FLIGHT = 6;
/** How long after both engines are spawned they start placing: both are up and waiting by then. */
const GATE_MS = 2_500;
const symbol = parseSymbolCode("005930");

/** What one engine printed and how it ended. */
interface EngineOutput {
  readonly placed: readonly { key: string; id: string; status: string }[];
  readonly done: boolean;
  readonly code: number;
  readonly stderr: string;
}

async function runEngine(env: Record<string, string>): Promise<EngineOutput> {
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-net=127.0.0.1",
      "--allow-env",
      "--allow-read",
      `--allow-write=${dirname(env.RACE_KV_PATH ?? ".")}`,
      ENGINE,
    ],
    cwd: PROJECT_ROOT,
    env,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const { stdout, stderr, code } = await child;
  const lines = new TextDecoder().decode(stdout).split("\n").filter((l) => l !== "");
  const placed = lines.filter((l) => l.startsWith("placed ")).map((l) => {
    const [, key = "", id = "", status = ""] = l.split(" ");
    return { key, id, status };
  });
  return { placed, done: lines.at(-1) === "done", code, stderr: new TextDecoder().decode(stderr) };
}

/** The `intent` audit entries each idempotency key has. */
async function intentsByKey(store: Store): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<Store["audit"]["list"]>> = await store.audit.list({
      limit: 1000,
      cursor,
    });
    for (const entry of page.items) {
      if (entry.kind !== "order" || entry.action !== "intent") continue;
      const key = String((entry.data as { idempotencyKey?: unknown }).idempotencyKey);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    cursor = page.cursor;
  } while (cursor !== null);
  return counts;
}

Deno.test("two engine processes on one KV file, placing the same idempotency keys at once, send each key's order exactly once", async () => {
  const dir = await Deno.makeTempDir();
  const path = join(dir, "engines.kv");
  await using rig = await startSharedSimulator(8);
  const { sim, now } = rig;
  using store = await openStore({ path, now });
  const broker = brokerOn(rig.shared, store.kv, 500);
  try {
    // the token is cached in the file first, so neither engine waits on KIS's issuance spacing
    const { lowerLimit } = await broker.getQuote(symbol);
    const crashSim = rig.shared;
    const allIntents: OrderIntent[] = [];
    for (let race = 0; race < RACES; race++) {
      // limit buys at the lower limit rest; each key's own quantity tells its order apart
      const intents: OrderIntent[] = Array.from({ length: KEYS_PER_RACE }, (_, n) => ({
        idempotencyKey: `race-${race}-${n}`,
        order: {
          type: "limit",
          side: "buy",
          symbol,
          quantity: 1 + allIntents.length + n,
          price: lowerLimit,
        },
      }));
      allIntents.push(...intents);
      const env = {
        RACE_KV_PATH: path,
        RACE_SIM: JSON.stringify(crashSim),
        RACE_ORDERS: JSON.stringify(intents),
        RACE_START_AT: String(Date.now() + GATE_MS),
        RACE_ROUNDS: String(ROUNDS),
        RACE_IN_FLIGHT: String(IN_FLIGHT),
        NO_COLOR: "1",
      };
      const engines = await Promise.all([runEngine(env), runEngine(env)]);
      for (const engine of engines) {
        assert.equal(engine.code, 0, engine.stderr);
        assert.ok(engine.done, engine.stderr);
        assert.equal(engine.placed.length, KEYS_PER_RACE * ROUNDS);
      }
      for (const intent of intents) {
        const ids = new Set(
          engines.flatMap((e) => e.placed).filter((p) => p.key === intent.idempotencyKey)
            .map((p) => p.id),
        );
        assert.equal(ids.size, 1, `${intent.idempotencyKey}: both engines answer with one order`);
      }
    }

    const ledger = sim.market.orders().filter((o) => o.action === "new");
    const journal = new OrderJournal({
      store,
      broker,
      accountId: sim.credentials.account,
      limits: CRASH_LIMITS,
      log: () => {},
    });
    const intentsWritten = await intentsByKey(store);
    const wrong: string[] = [];
    for (const intent of allIntents) {
      const key = intent.idempotencyKey;
      const sent = ledger.filter((o) => o.qty === intent.order.quantity);
      const recorded = await journal.byIdempotencyKey(key);
      const orderNo = recorded?.status === "submitted" ? recorded.ref.orderNo : null;
      if (sent.length !== 1) wrong.push(`${key}: ${sent.length} orders at the broker`);
      else if (orderNo !== sent[0]?.odno) {
        wrong.push(`${key}: journal ${orderNo}, broker ${sent[0]?.odno}`);
      }
      if (intentsWritten.get(key) !== 1) wrong.push(`${key}: ${intentsWritten.get(key)} intents`);
    }
    assert.deepEqual(wrong, [], "each key: one intent, one order at the broker, journalled");
    assert.equal(ledger.length, allIntents.length);
  } finally {
    await broker.close();
    await Deno.remove(dir, { recursive: true });
  }
});
