import assert from "node:assert/strict";
import { KisBroker } from "@/core/broker/kis/mod.ts";
import { kstInstant, parseSymbolCode } from "@/core/krx/mod.ts";
import { loadBars, NotebookInputError, seededBars } from "@/core/notebook/mod.ts";
import { manualSimulator } from "../_support/simulator.ts";

/**
 * A real KisBroker on a simulator (seed 1, 300 days of history) started the day after
 * 2026-11-27, the day the seeded history ends.
 */
async function simulatorBroker(): Promise<
  AsyncDisposable & { broker: KisBroker; close(): Promise<void> }
> {
  const sim = await manualSimulator({
    seed: 1,
    historyDays: 300,
    start: kstInstant("2026-11-28", 0),
  });
  const kv = await Deno.openKv(":memory:");
  const broker = new KisBroker({
    env: sim.env,
    credentials: sim.credentials,
    account: sim.credentials.account,
    htsId: sim.credentials.htsId,
    kv,
    restUrl: sim.restUrl,
    wsUrl: sim.wsUrl,
  });
  let closing: Promise<void> | undefined;
  const close = () =>
    closing ??= (async () => {
      await broker.close();
      kv.close();
      await sim.close();
    })();
  return { broker, close, [Symbol.asyncDispose]: close };
}

Deno.test("seeded bars are the daily history a simulator started the next day serves", async () => {
  const [seeded] = seededBars({ symbols: ["005930"], days: 300, end: "2026-11-27" });
  assert.equal(seeded!.bars.dates.length, 300);
  assert.equal(seeded!.bars.dates.at(-1), "2026-11-27");
  await using served = await simulatorBroker();
  const { broker } = served;
  try {
    const served = await broker.getDailyBars(parseSymbolCode("005930"), {
      from: "2026-09-01" as never,
      to: "2026-11-27" as never,
    });
    assert.ok(served.length > 40);
    const index = new Map(seeded!.bars.dates.map((date, i) => [date as string, i]));
    for (const bar of served) {
      const i = index.get(bar.date);
      assert.notEqual(i, undefined, `${bar.date} is in the seeded history`);
      assert.deepEqual(
        [bar.open, bar.high, bar.low, bar.close, bar.volume],
        [
          seeded!.bars.open[i!],
          seeded!.bars.high[i!],
          seeded!.bars.low[i!],
          seeded!.bars.close[i!],
          seeded!.bars.volume[i!],
        ],
        bar.date,
      );
    }
  } finally {
    await served.close();
  }
});

Deno.test("with a broker, the bars come from the account: the simulator's through a real KisBroker", async () => {
  await using served = await simulatorBroker();
  const { broker } = served;
  try {
    const [fromAccount] = await loadBars({
      symbols: ["005930"],
      days: 90,
      end: "2026-11-27",
      broker,
      csv: "",
    });
    const [seeded] = seededBars({ symbols: ["005930"], days: 300, end: "2026-11-27" });
    const got = fromAccount!.bars;
    assert.ok(got.dates.length > 40, `${got.dates.length} trading days in 90 calendar days`);
    assert.ok(got.dates[0]! >= "2026-08-30" && got.dates.at(-1) === "2026-11-27");
    const offset = seeded!.bars.dates.indexOf(got.dates[0]!);
    assert.deepEqual([...got.close], [
      ...seeded!.bars.close.slice(offset, offset + got.close.length),
    ]);
    assert.deepEqual([...got.dates], seeded!.bars.dates.slice(offset, offset + got.dates.length));
  } finally {
    await served.close();
  }
});

Deno.test("seeded bars refuse an unknown symbol or a bad date, naming it", () => {
  assert.throws(
    () => seededBars({ symbols: ["999999"] }),
    (error: unknown) => error instanceof NotebookInputError && /999999/.test(error.message),
  );
  assert.throws(
    () => seededBars({ symbols: ["005930"], end: "2026-13-01" }),
    (error: unknown) => error instanceof NotebookInputError && /end/.test(error.message),
  );
});

Deno.test("a CSV path replaces the seeded history; an empty one keeps it", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const file = `${dir}/005930.csv`;
    await Deno.writeTextFile(
      file,
      "date,open,high,low,close,volume\n2026-01-02,100,110,90,105,10\n2026-01-05,105,106,100,101,12\n",
    );
    const [fromCsv] = await loadBars({ csv: file, symbols: ["000660"] });
    assert.equal(fromCsv!.symbol, "005930");
    assert.deepEqual([...fromCsv!.bars.close], [105, 101]);
    const [seeded] = await loadBars({ csv: "", symbols: ["000660"], days: 10 });
    assert.equal(seeded!.symbol, "000660");
    assert.equal(seeded!.bars.close.length, 10);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
