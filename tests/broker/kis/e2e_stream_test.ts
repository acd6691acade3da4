import assert from "node:assert/strict";
import type { OrderBookTick, StreamEvent, TradeTick } from "../../../core/broker/mod.ts";
import type { KisSocketStatus } from "../../../core/broker/kis/mod.ts";
import { parseSymbolCode, type SymbolCode } from "../../../core/krx/mod.ts";
import { collect, startE2e, within } from "./_e2e.ts";

const SYMBOLS = ["005930", "000660", "035720"].map(parseSymbolCode);

const tradesOf = (events: readonly StreamEvent[], symbol: SymbolCode) =>
  events.filter((e): e is TradeTick => e.type === "trade" && e.symbol === symbol);

/** True once every symbol's latest trade carries the simulator's cumulative volume `volumes`. */
const caughtUp = (volumes: ReadonlyMap<SymbolCode, number>) => (events: readonly StreamEvent[]) =>
  [...volumes].every(([symbol, volume]) =>
    tradesOf(events, symbol).at(-1)?.cumulativeVolume === volume
  );

/** `HH:MM:SS` of every 5th second after `from` up to `to` (KST), as the simulator's tape prints. */
function tapeTimes(fromSeconds: number, toSeconds: number): string[] {
  const times: string[] = [];
  for (let s = fromSeconds + 5; s <= toSeconds; s += 5) {
    const hh = String(Math.floor(s / 3600)).padStart(2, "0");
    const mm = String(Math.floor(s / 60) % 60).padStart(2, "0");
    const ss = String(s % 60).padStart(2, "0");
    times.push(`${hh}:${mm}:${ss}`);
  }
  return times;
}

Deno.test("realtime trades of several symbols survive a forced reconnect: none lost, none repeated", async (t) => {
  const statuses: KisSocketStatus[] = [];
  let onResubscribed = () => {};
  await using e2e = await startE2e({}, {
    onSocketStatus(status) {
      statuses.push(status);
      if (status === "resubscribed") onResubscribed();
    },
  });
  const { sim, broker } = e2e;
  const volumeNow = () => new Map(SYMBOLS.map((s) => [s, sim.market.quote(s).volume]));
  const startVolumes = volumeNow();
  const stream = await broker.stream({
    trades: SYMBOLS,
    orderBooks: [SYMBOLS[0]!],
    orderNotices: true,
  });
  const events: StreamEvent[] = [];
  try {
    // 09:30:00 → 09:30:30 in two steps, then a server-side drop, then 09:30:30 → 09:31:00 at once.
    sim.clock.advance(15_000);
    sim.clock.advance(15_000);
    events.push(...await collect(stream, caughtUp(volumeNow())));
    const resubscribed = new Promise<void>((resolve) => onResubscribed = resolve);
    sim.faults.inject({ kind: "dropWebSocket" });
    await within(resubscribed, "the resubscription after the drop");
    sim.clock.advance(30_000);
    const endVolumes = volumeNow();
    events.push(...await collect(stream, caughtUp(endVolumes)));
    const ack = await broker.placeOrder({
      type: "market",
      side: "buy",
      symbol: SYMBOLS[1]!,
      quantity: 2,
    });
    events.push(
      ...await collect(
        stream,
        (more) =>
          more.some((e) =>
            e.type === "order_notice" && e.event === "fill" && e.orderNo === ack.orderNo
          ),
      ),
    );

    await t.step("the socket was dropped once and every feed came back", () => {
      assert.deepEqual(statuses, ["open", "open", "resubscribed"]);
    });

    // "Lost" means: a trade the simulator printed while our registration was held that never
    // reached us. The clock stood still while the socket was down, so every trade of the minute
    // was printed under a live registration; the tape has one trade per symbol every 5 s.
    for (const symbol of SYMBOLS) {
      await t.step(
        `${symbol}: every tape trade once, in order (6-record frames split), chained by volume`,
        () => {
          const trades = tradesOf(events, symbol);
          const start = 9 * 3600 + 30 * 60;
          assert.deepEqual(trades.map((trade) => trade.time), tapeTimes(start, start + 60));
          let volume = startVolumes.get(symbol)!;
          for (const trade of trades) {
            assert.ok(trade.quantity > 0);
            volume += trade.quantity;
            assert.equal(trade.cumulativeVolume, volume, `${symbol} at ${trade.time}`);
          }
          assert.equal(volume, endVolumes.get(symbol));
          assert.equal(trades.at(-1)?.price, sim.market.price(symbol));
        },
      );
    }

    await t.step("fill notices decrypt with the new session's AES key after the reconnect", () => {
      const fills = events.filter((e) => e.type === "order_notice" && e.event === "fill");
      assert.deepEqual(
        fills.map((e) => e.type === "order_notice" && [e.symbol, e.side, e.quantity]),
        [
          [SYMBOLS[1], "buy", 2],
        ],
      );
    });

    await t.step("order book records of the subscribed symbol arrive and look like a book", () => {
      const books = events.filter((e): e is OrderBookTick => e.type === "orderbook");
      assert.ok(books.length >= 2, `only ${books.length} order books`);
      for (const book of books) {
        assert.equal(book.symbol, SYMBOLS[0]);
        assert.equal(book.asks.length, 10);
        assert.ok(book.asks[0]!.price > book.bids[0]!.price);
      }
    });
  } finally {
    await stream.close();
  }
});

Deno.test("closing a stream while its unsubscribes wait for the rate budget throws nothing", async (t) => {
  await t.step("the broker closes under the stream's release", async () => {
    await using e2e = await startE2e();
    const stream = await e2e.broker.stream({ trades: SYMBOLS, orderBooks: SYMBOLS });
    const releasing = stream.close();
    await e2e.broker.close();
    await releasing;
    await stream.close();
  });

  await t.step("the KV store closes under the stream's release", async () => {
    await using e2e = await startE2e();
    const kv = await Deno.openKv(":memory:");
    const broker = e2e.newBroker({ kv });
    await e2e.broker.close();
    const stream = await broker.stream({ trades: SYMBOLS, orderBooks: SYMBOLS });
    const releasing = stream.close();
    await broker.close();
    kv.close();
    await releasing;
  });
});

Deno.test("closing the broker ends the streams being iterated", async () => {
  await using e2e = await startE2e();
  const { sim, broker } = e2e;
  const trades = await broker.stream({ trades: [SYMBOLS[0]!] });
  const notices = await broker.stream({ orderNotices: true });
  const seen: StreamEvent[] = [];
  const read = async (stream: AsyncIterable<StreamEvent>) => {
    for await (const event of stream) seen.push(event);
  };
  const reading = Promise.all([read(trades), read(notices)]);
  await within(
    (async () => {
      while (seen.length === 0) {
        sim.clock.advance(5_000);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })(),
    "a trade",
  );
  await broker.close();
  await within(reading, "both iterations ending after close()");
  assert.ok(seen.every((event) => event.type === "trade" && event.symbol === SYMBOLS[0]));
  await trades.close();
  await notices.close();
});
