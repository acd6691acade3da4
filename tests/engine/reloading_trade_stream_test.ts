import assert from "node:assert/strict";
import type { BrokerStream } from "../../core/broker/mod.ts";
import { startReloadingTradeStream } from "../../core/engine/reloading_trade_stream.ts";
import { parseSymbolCode, type SymbolCode } from "../../core/krx/mod.ts";
import type { Simulator } from "../../core/kis-sim/mod.ts";
import { type E2e, startE2e, within } from "../broker/kis/_e2e.ts";

const SAMSUNG = parseSymbolCode("005930");
const SK_HYNIX = parseSymbolCode("000660");
/** A well-formed code the simulator does not list: KIS refuses its subscription (OPSP0007). */
const UNLISTED = parseSymbolCode("999990");
const TAPE_MS = 5_000;

/** Polls `condition` every 10 ms of real time, failing naming `what` after 10 s. */
function eventually(condition: () => boolean, what: string): Promise<void> {
  return within(
    (async () => {
      while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
    })(),
    what,
  );
}

/** Moves the tape on until `condition` holds. */
function tradeUntil(sim: Simulator, condition: () => boolean, what: string): Promise<void> {
  return within(
    (async () => {
      while (!condition()) {
        sim.clock.advance(TAPE_MS);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })(),
    what,
  );
}

/** The simulator's trade subscriptions of every session, sorted. */
function subscribedTrades(sim: Simulator): string[] {
  return sim.realtimeSessions().flat().filter((id) => id.startsWith("H0STCNT0|")).sort();
}

/** A reloading stream over the e2e broker whose symbols the test sets, recording what it sees. */
function startRig(e2e: E2e) {
  const rig = {
    wanted: [] as readonly SymbolCode[],
    /** Each opened stream's trades, by symbol, in opening order. */
    streams: [] as { trades: SymbolCode[]; ended: boolean }[],
    /** "opened N" and "ended N" in the order they happened (N counts from 0). */
    order: [] as string[],
    warnings: [] as string[],
  };
  const trades = startReloadingTradeStream({
    broker: e2e.broker,
    read: () => Promise.resolve(rig.wanted),
    watch: async (stream: BrokerStream) => {
      const seen = { trades: [] as SymbolCode[], ended: false };
      const n = rig.streams.push(seen) - 1;
      rig.order.push(`opened ${n}`);
      for await (const event of stream) if (event.type === "trade") seen.trades.push(event.symbol);
      seen.ended = true;
      rig.order.push(`ended ${n}`);
    },
    reloadMs: 60_000,
    label: "test",
    log: (level, message) => {
      if (level !== "info") rig.warnings.push(message);
    },
  });
  return { rig, trades };
}

Deno.test("a reloading trade stream opens the new stream, then closes the old one", async (t) => {
  await using e2e = await startE2e({ seed: 1, rateLimit: false }, { requestsPerSecond: 200 });
  const { sim } = e2e;
  const { rig, trades } = startRig(e2e);
  try {
    await t.step("the first read opens a stream of its symbols", async () => {
      rig.wanted = [SAMSUNG];
      await trades.refresh();
      assert.deepEqual(trades.symbols(), [SAMSUNG]);
      await tradeUntil(sim, () => rig.streams[0]!.trades.length > 0, "a Samsung trade");
    });

    await t.step("the same symbols again keep the stream", async () => {
      await trades.refresh();
      assert.deepEqual(rig.order, ["opened 0"]);
    });

    await t.step("a changed set switches: the new stream opens before the old ends", async () => {
      rig.wanted = [SK_HYNIX];
      await trades.refresh();
      assert.deepEqual(trades.symbols(), [SK_HYNIX]);
      assert.deepEqual(rig.order, ["opened 0", "opened 1", "ended 0"]);
      await tradeUntil(sim, () => rig.streams[1]!.trades.length > 0, "an SK Hynix trade");
      assert.ok(rig.streams[1]!.trades.every((symbol) => symbol === SK_HYNIX));
      await eventually(
        () => subscribedTrades(sim).join() === `H0STCNT0|${SK_HYNIX}`,
        "Samsung unsubscribed at KIS",
      );
    });

    await t.step("an empty set closes the stream", async () => {
      rig.wanted = [];
      await trades.refresh();
      assert.deepEqual(trades.symbols(), []);
      assert.deepEqual(rig.order, ["opened 0", "opened 1", "ended 0", "ended 1"]);
      await eventually(() => subscribedTrades(sim).length === 0, "nothing subscribed at KIS");
    });
    assert.deepEqual(rig.warnings, []);
  } finally {
    await trades.close();
  }
});

Deno.test("a reloading trade stream whose new stream fails to open keeps the old one, and leaks nothing", async (t) => {
  await using e2e = await startE2e({ seed: 1, rateLimit: false }, { requestsPerSecond: 200 });
  const { sim } = e2e;
  const { rig, trades } = startRig(e2e);
  try {
    rig.wanted = [SAMSUNG];
    await trades.refresh();

    await t.step("a refused subscription leaves the old stream open and in use", async () => {
      rig.wanted = [SAMSUNG, UNLISTED];
      await trades.refresh();
      assert.deepEqual(rig.warnings, [
        "test: the new trade stream did not open; retrying at the next reload",
      ]);
      assert.deepEqual(trades.symbols(), [SAMSUNG], "the old stream's symbols");
      assert.deepEqual(rig.order, ["opened 0"], "no stream ended");
      const before = rig.streams[0]!.trades.length;
      await tradeUntil(sim, () => rig.streams[0]!.trades.length > before, "a trade on the old one");
      await eventually(
        () => subscribedTrades(sim).join() === `H0STCNT0|${SAMSUNG}`,
        "the failed open's registrations released",
      );
    });

    await t.step("the next reload tries again and switches once it opens", async () => {
      rig.wanted = [SK_HYNIX];
      await trades.refresh();
      assert.deepEqual(trades.symbols(), [SK_HYNIX]);
      assert.deepEqual(rig.order, ["opened 0", "opened 1", "ended 0"]);
    });

    await t.step("close ends every stream opened, each once", async () => {
      await trades.close();
      assert.deepEqual(rig.order, ["opened 0", "opened 1", "ended 0", "ended 1"]);
      assert.deepEqual(trades.symbols(), []);
      await eventually(() => subscribedTrades(sim).length === 0, "nothing subscribed at KIS");
    });
  } finally {
    await trades.close();
  }
});
