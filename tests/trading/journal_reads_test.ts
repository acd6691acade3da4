import assert from "node:assert/strict";
import type { Broker, OrderRequest } from "../../core/broker/mod.ts";
import { parseSymbolCode } from "../../core/krx/mod.ts";
import { RiskRejected, setKillSwitch } from "../../core/trading/mod.ts";
import { startJournal } from "./_journal.ts";

const symbol = parseSymbolCode("005930");
const marketBuy: OrderRequest = { type: "market", side: "buy", symbol, quantity: 1 };

/** Records, in order, each KV read and commit on `kv` and each broker call through the result. */
function traced(kv: Deno.Kv, broker: Broker, trace: string[]): Broker {
  const get = kv.get.bind(kv);
  const getMany = kv.getMany.bind(kv);
  const atomic = kv.atomic.bind(kv);
  kv.get = ((key: Deno.KvKey) => (trace.push("kv get"), get(key))) as typeof kv.get;
  kv.getMany =
    ((keys: Deno.KvKey[]) => (trace.push("kv getMany"), getMany(keys))) as typeof kv.getMany;
  kv.atomic = () => {
    const op = atomic();
    const commit = op.commit.bind(op);
    op.commit = () => (trace.push("kv commit"), commit());
    return op;
  };
  return new Proxy(broker, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        trace.push(`broker ${String(property)}`);
        return value.apply(target, args);
      };
    },
  });
}

Deno.test("placing a new order reads the store once before asking the broker, and writes the intent once before sending it", async () => {
  await using rig = await startJournal();
  const trace: string[] = [];
  const journal = rig.journalOn(rig.store, traced(rig.store.kv, rig.e2e.broker, trace));
  const placed = await journal.placeOrder({ idempotencyKey: "reads-1", order: marketBuy });
  assert.equal(placed.status, "submitted");
  const sent = trace.indexOf("broker placeOrder");
  assert.deepEqual(trace.slice(0, sent + 1), [
    "kv getMany", // the key, the kill switch, the day's amount, the open-order count
    "broker getQuote",
    "broker getBalance",
    "broker getBuyable",
    "kv commit", // the intent
    "broker placeOrder",
  ]);
});

Deno.test("the kill switch read with the key still refuses an order, and one flipped after the read loses the intent's write", async () => {
  await using rig = await startJournal();
  await setKillSwitch(rig.store, { on: true, reason: "test", by: "admin" });
  await assert.rejects(
    rig.journal.placeOrder({ idempotencyKey: "ks-1", order: marketBuy }),
    RiskRejected,
  );
  await setKillSwitch(rig.store, { on: false, reason: "test", by: "admin" });
  // flipped on between the journal's read and its write: the write's check on the switch fails,
  // and the next attempt reads the switch on and refuses
  const flipping: Broker = new Proxy(rig.e2e.broker, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (typeof value !== "function") return value;
      if (property !== "getQuote") return value.bind(target);
      return async (...args: unknown[]) => {
        const answer = await value.apply(target, args);
        await setKillSwitch(rig.store, { on: true, reason: "flip", by: "admin" });
        return answer;
      };
    },
  });
  await assert.rejects(
    rig.journalOn(rig.store, flipping).placeOrder({ idempotencyKey: "ks-2", order: marketBuy }),
    RiskRejected,
  );
  assert.equal(rig.e2e.sim.market.orders().length, 0);
  assert.equal(await rig.journal.byIdempotencyKey("ks-2"), null, "no intent was written");
});
