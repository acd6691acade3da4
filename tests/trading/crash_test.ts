import assert from "node:assert/strict";
import { brokerOn, startSharedSimulator } from "../_support/shared_sim.ts";
import { join } from "node:path";
import type { Simulator } from "../../core/kis-sim/mod.ts";
import { parseSymbolCode } from "../../core/krx/mod.ts";
import { type AuditEntry, openStore, type Store } from "../../core/store/mod.ts";
import {
  type JournalOrder,
  ORDER_STATUSES,
  type OrderIntent,
  OrderJournal,
  OrderRepository,
} from "../../core/trading/mod.ts";
import { CRASH_LIMITS } from "./_crash_engine.ts";
import { type EngineRun, planKill, runEngine, seededRandom } from "./_crash_kills.ts";

const KILLS = 50;
/** More orders than kills: each killed run moves the list on by about one order. */
const ORDERS = 60;
/** The kill plan's seed; `CRASH_SEED` replays or explores another one. */
const SEED = Number(Deno.env.get("CRASH_SEED") ?? 20_261_127);
/** Short, so a run after a kill resolves the intents it left within a second or two. */
const HORIZON_MS = 1_500;
const symbol = parseSymbolCode("005930");

/** Where a kill landed, judged after the engine died from the journal and the ledger. */
const PHASES = [
  "outside placement",
  "before intent",
  "intent, not at broker",
  "at broker, not recorded",
  "recorded",
] as const;
type Phase = typeof PHASES[number];

/** The idempotency key a progress line names, if it names one. */
function keyOf(line: string | undefined): string | null {
  return line?.match(/^(?:paused \w+|placing|sending|acked|recorded) (crash-\d+)/)?.[1] ?? null;
}

/** Every audit entry, oldest first. */
async function auditLog(store: Store): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<Store["audit"]["list"]>> = await store.audit.list({
      limit: 1000,
      cursor,
    });
    entries.push(...page.items);
    cursor = page.cursor;
  } while (cursor !== null);
  return entries;
}

/** The test's view of the world: its journal on the KV file, and the simulator's ledger. */
interface Truth {
  readonly journal: OrderJournal;
  /** The new orders in the simulator's ledger for `key` (its quantity tells them apart). */
  ledgerOrders(key: string): ReturnType<Simulator["market"]["orders"]>;
}

async function phaseOf(run: EngineRun, truth: Truth): Promise<Phase> {
  const last = run.lines.at(-1);
  const key = keyOf(last);
  if (key === null) return "outside placement";
  if (last?.startsWith("recorded ")) return "recorded";
  const attempt = await truth.journal.byIdempotencyKey(key);
  if (attempt === null || attempt.status === "not_sent") return "before intent";
  if (attempt.status !== "intent" && attempt.status !== "unknown") return "recorded";
  return truth.ledgerOrders(key).length > 0 ? "at broker, not recorded" : "intent, not at broker";
}

Deno.test("SIGKILL around order placement 50 times: no order duplicated or lost", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await crashAndCheck(join(dir, "crash.kv"));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

async function crashAndCheck(path: string): Promise<void> {
  await using rig = await startSharedSimulator(7);
  const { sim, now } = rig;
  // migrations run here once, so no engine is ever killed holding the migration lease
  using store = await openStore({ path, now });
  const broker = brokerOn(rig.shared, store.kv, 200);
  try {
    // the token is issued and cached in the file before any engine runs: KIS spaces issuances
    // minutes apart, so an engine killed mid-issuance would stall the next
    const { lowerLimit } = await broker.getQuote(symbol);
    // market buys fill at once; limit buys at the day's lower limit rest, so both kinds of state
    // are compared with the ledger. Each order's own quantity tells the ledger's orders apart.
    const intents: OrderIntent[] = Array.from({ length: ORDERS }, (_, n) => ({
      idempotencyKey: `crash-${n}`,
      order: n % 2 === 0
        ? { type: "market", side: "buy", symbol, quantity: n + 1 }
        : { type: "limit", side: "buy", symbol, quantity: n + 1, price: lowerLimit },
    }));
    const quantityOf = new Map(intents.map((i) => [i.idempotencyKey, i.order.quantity]));
    const truth: Truth = {
      journal: new OrderJournal({
        store,
        broker,
        accountId: sim.credentials.account,
        limits: CRASH_LIMITS,
        log: () => {},
      }),
      ledgerOrders: (key) =>
        sim.market.orders().filter((o) => o.action === "new" && o.qty === quantityOf.get(key)),
    };
    const crashSim = rig.shared;
    const env = {
      CRASH_KV_PATH: path,
      CRASH_SIM: JSON.stringify(crashSim),
      CRASH_ORDERS: JSON.stringify(intents),
      CRASH_HORIZON_MS: String(HORIZON_MS),
      NO_COLOR: "1",
    };

    const began = performance.now();
    const random = seededRandom(SEED);
    const phases = new Map<Phase, number>();
    for (let kills = 0; kills < KILLS;) {
      const run = await runEngine(env, planKill(random));
      assert.ok(run.killed, `the engine finished before ${KILLS} kills:\n${run.stderr}`);
      kills++;
      const phase = await phaseOf(run, truth);
      phases.set(phase, (phases.get(phase) ?? 0) + 1);
    }
    const final = await runEngine(env, null);
    assert.equal(final.code, 0, final.stderr);
    assert.equal(final.lines.at(-1), "done");
    const replaced = await assertLedgerAndJournalAgree(intents, truth, store, sim);
    assert.ok(replaced > 0, "some intents were resolved not sent and placed again");
    // the pause points make every phase of placement certain to be hit, whatever the timing
    for (const phase of PHASES.slice(1)) assert.ok(phases.has(phase), `no kill landed ${phase}`);

    const seconds = ((performance.now() - began) / 1000).toFixed(1);
    const byPhase = PHASES.map((phase) => `${phase} ${phases.get(phase) ?? 0}`).join(", ");
    // deno-lint-ignore no-console
    console.log(
      `crash test: ${KILLS} kills (${byPhase}); ${ORDERS} orders, ${replaced} attempts ` +
        `replaced after not_sent, 0 duplicated, 0 lost; ` +
        `${seconds} s, seed ${SEED}`,
    );
  } finally {
    await broker.close();
  }
}

/**
 * After a last reconciliation: each key has exactly one order in the simulator's ledger, the
 * journal's attempt for it holds that order's number and state, every attempt it replaced was
 * never sent, and each order's audit entries start with its intent and end with its state.
 * Returns how many attempts were replaced.
 */
async function assertLedgerAndJournalAgree(
  intents: readonly OrderIntent[],
  truth: Truth,
  store: Store,
  sim: Simulator,
): Promise<number> {
  const { journal, ledgerOrders } = truth;
  const report = await journal.reconcile({ horizonMs: HORIZON_MS });
  assert.deepEqual(report.pending, []);
  for (const status of ["intent", "unknown"] as const) {
    assert.deepEqual((await journal.list(status)).items, [], `no order is left ${status}`);
  }
  const keys = intents.map((i) => i.idempotencyKey);
  assert.deepEqual(
    {
      duplicated: keys.filter((key) => ledgerOrders(key).length > 1),
      lost: keys.filter((key) => ledgerOrders(key).length === 0),
    },
    { duplicated: [], lost: [] },
  );
  assert.equal(sim.market.orders().length, intents.length, "the ledger holds nothing else");

  const all = await new OrderRepository(store, sim.credentials.account)
    .allInStatuses(ORDER_STATUSES);
  const statuses = new Set<string>();
  for (const key of keys) {
    const [simOrder] = ledgerOrders(key);
    const order = await journal.byIdempotencyKey(key);
    assert.ok(order && "ref" in order, `${key}: ${JSON.stringify(order)}`);
    const fills = "filledQuantity" in order ? [order.filledQuantity, order.filledAmount] : [0, 0];
    const status = simOrder!.remaining === 0
      ? "filled"
      : simOrder!.filledQty > 0
      ? "partially_filled"
      : "submitted";
    assert.deepEqual(
      [order.ref.orderNo, order.ref.branchNo, order.status, ...fills],
      [simOrder!.odno, simOrder!.orgNo, status, simOrder!.filledQty, simOrder!.filledAmount],
      `${key} agrees with the ledger`,
    );
    statuses.add(order.status);
    const replaced = all.filter((o) => o.idempotencyKey === key && o.id !== order.id);
    assert.ok(
      replaced.every((o) => o.status === "not_sent"),
      `${key}: ${JSON.stringify(replaced)}`,
    );
  }
  assert.deepEqual([...statuses].sort(), ["filled", "submitted"], "both kinds of order are there");
  const audit = await auditLog(store);
  for (const order of all) assertAuditedInOrder(order, audit);
  return all.length - intents.length;
}

/** The order's audit entries start with its intent and end with the state it is in. */
function assertAuditedInOrder(order: JournalOrder, audit: readonly AuditEntry[]): void {
  const actions = audit.filter((e) => e.subject === order.id).map((e) => e.action);
  assert.equal(actions[0], "intent", `${order.id}: ${actions}`);
  assert.equal(actions.at(-1), order.status, `${order.id}: ${actions}`);
  assert.equal(actions.filter((a) => a === "intent").length, 1, `${order.id}: ${actions}`);
}
