import assert from "node:assert/strict";
import { join } from "node:path";
import type { Simulator } from "../../core/kis-sim/mod.ts";
import { manualSimulator, OPEN_SESSION } from "../_support/simulator.ts";
import { accountFields, cancelOrder, ledgerAnswers, sendOrder } from "./ledger_answers.ts";
import { freshToken, get, kisHeaders, post, type SimEndpoint } from "./plain_kis.ts";

const SEED = 11;
const CODE = "005930";
const WINDOW = { from: "20261120", to: "20261130", code: CODE, price: 50_000 };
/** Monday 2026-11-30, 09:30 KST: the trading day after {@link OPEN_SESSION}. */
const NEXT_DAY = new Date("2026-11-30T00:30:00Z");

/**
 * A morning of trading on the demo account: a market buy that fills, a resting buy at the lower
 * limit, a resting sell at the upper limit, and a buy cancelled. Returns the four orders' ODNOs.
 */
async function trade(sim: SimEndpoint, token: string): Promise<string[]> {
  const quote = await get(
    sim,
    "/quotations/inquire-price",
    kisHeaders(sim, token, "FHKST01010100"),
    {
      FID_COND_MRKT_DIV_CODE: "J",
      FID_INPUT_ISCD: CODE,
    },
  );
  const limits = quote.body.output as { stck_llam: string; stck_mxpr: string };
  const lower = Number(limits.stck_llam);
  const upper = Number(limits.stck_mxpr);
  const odnos = [await sendOrder(sim, token, { side: "buy", code: CODE, qty: 10, price: 0 })];
  odnos.push(await sendOrder(sim, token, { side: "buy", code: CODE, qty: 5, price: lower }));
  odnos.push(await sendOrder(sim, token, { side: "sell", code: CODE, qty: 3, price: upper }));
  const cancelled = await sendOrder(sim, token, { side: "buy", code: CODE, qty: 4, price: lower });
  await cancelOrder(sim, token, cancelled);
  return [...odnos, cancelled];
}

/** A KV file path in a temporary directory that is removed at the end of the scope. */
async function tempKv(): Promise<AsyncDisposable & { path: string }> {
  const dir = await Deno.makeTempDir({ prefix: "sim-ledger-" });
  return {
    path: join(dir, "ledger.kv"),
    [Symbol.asyncDispose]: () => Deno.remove(dir, { recursive: true }),
  };
}

async function withKv<T>(path: string, body: (kv: Deno.Kv) => Promise<T>): Promise<T> {
  using kv = await Deno.openKv(path);
  return await body(kv);
}

const odnoNumber = (odno: string) => Number(odno);

Deno.test("the simulator's ledger in KV: a restart answers balance, fills, buyable cash and open orders as before", async (t) => {
  await using file = await tempKv();
  const path = file.path;
  let before: Record<string, unknown> = {};
  let odnos: string[] = [];
  let stoppedAt = OPEN_SESSION;
  await withKv(path, async (kv) => {
    await using sim = await manualSimulator({ seed: SEED, kv, rateLimit: false });
    const token = await freshToken(sim);
    odnos = await trade(sim, token);
    sim.clock.set(new Date(OPEN_SESSION.getTime() + 60_000));
    stoppedAt = sim.clock.now();
    before = await ledgerAnswers(sim, token, WINDOW);
    assert.equal(sim.market.orders().length, 5, "four orders and one cancel row");
  });

  await t.step("the same day: every KIS answer is the same, open orders still rest", async () => {
    await withKv(path, async (kv) => {
      await using sim = await manualSimulator({
        seed: SEED,
        start: stoppedAt,
        kv,
        rateLimit: false,
      });
      const token = await freshToken(sim);
      assert.deepEqual(await ledgerAnswers(sim, token, WINDOW), before);
      const resting = sim.market.orders().filter((o) => o.remaining > 0).map((o) => o.odno);
      assert.deepEqual(resting, [odnos[1], odnos[2]]);
    });
  });

  await t.step(
    "order numbers continue after the restart; a pre-restart order can be cancelled",
    async () => {
      await withKv(path, async (kv) => {
        await using sim = await manualSimulator({
          seed: SEED,
          start: stoppedAt,
          kv,
          rateLimit: false,
        });
        const token = await freshToken(sim);
        await cancelOrder(sim, token, odnos[2] ?? "");
        const rows = sim.market.orders();
        const highestBefore = Math.max(...rows.slice(0, -1).map((o) => odnoNumber(o.odno)));
        const cancelRow = rows.at(-1);
        assert.equal(cancelRow?.action, "cancel");
        assert.equal(cancelRow?.originalOdno, odnos[2]);
        assert.ok(odnoNumber(cancelRow?.odno ?? "0") > highestBefore);
        assert.equal(new Set(rows.map((o) => o.odno)).size, rows.length, "no number reused");
      });
    },
  );

  await t.step(
    "the next trading day: open orders expired, reservations released, as a simulator that lived through the close",
    async () => {
      await using lived = await manualSimulator({ seed: SEED, rateLimit: false });
      const livedToken = await freshToken(lived);
      await trade(lived, livedToken);
      lived.clock.set(new Date(OPEN_SESSION.getTime() + 60_000));
      await cancelOrder(lived, livedToken, (lived.market.orders()[2]?.odno) ?? "");
      lived.clock.set(NEXT_DAY);
      await withKv(path, async (kv) => {
        await using sim = await manualSimulator({
          seed: SEED,
          start: NEXT_DAY,
          kv,
          rateLimit: false,
        });
        assert.deepEqual(sim.market.account(), lived.market.account());
        assert.deepEqual(sim.market.orders().filter((o) => o.remaining > 0), []);
        assert.equal(
          sim.market.account().orderableCash,
          sim.market.account().cash + sim.market.account().unsettled,
          "no cash stays reserved for an expired order",
        );
      });
    },
  );
});

/** Starts `_ledger_host.ts` on `path`; resolves with the child and where its simulator answers. */
async function host(path: string, start: Date) {
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      new URL("./_ledger_host.ts", import.meta.url).pathname,
      path,
      String(SEED),
      start.toISOString(),
    ],
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  while (!text.includes("\n")) {
    const chunk = await reader.read();
    if (chunk.done) throw new Error("the ledger host exited before it listened");
    text += chunk.value;
  }
  const endpoint: SimEndpoint = JSON.parse(text.slice(0, text.indexOf("\n")));
  return { child, endpoint, output: reader };
}

Deno.test("the simulator's ledger survives kill -9 of its process: every answered order and fill is there once", async () => {
  await using file = await tempKv();
  const path = file.path;
  const first = await host(path, OPEN_SESSION);
  const token = await freshToken(first.endpoint);
  const odnos = await trade(first.endpoint, token);
  const before = await ledgerAnswers(first.endpoint, token, WINDOW);
  first.child.kill("SIGKILL");
  assert.equal((await first.child.status).signal, "SIGKILL");
  await first.output.cancel();

  const second = await host(path, OPEN_SESSION);
  try {
    const again = await freshToken(second.endpoint);
    assert.deepEqual(await ledgerAnswers(second.endpoint, again, WINDOW), before);
    const next = await sendOrder(second.endpoint, again, {
      side: "buy",
      code: CODE,
      qty: 1,
      price: 0,
    });
    assert.ok(odnoNumber(next) > Math.max(...odnos.map(odnoNumber)), "numbers continue");
  } finally {
    second.child.kill("SIGKILL");
    await second.child.status;
    await second.output.cancel();
  }
});

Deno.test("an order resting across a same-day restart keeps matching: the tape fills it as if the simulator had never stopped", async () => {
  const later = new Date(OPEN_SESSION.getTime() + 20 * 60_000);
  const restAt = async (sim: Simulator, token: string) => {
    const quote = sim.market.quote(CODE);
    const price = quote.last - 2 * quote.tick;
    return await sendOrder(sim, token, { side: "buy", code: CODE, qty: 200, price });
  };
  await using lived = await manualSimulator({ seed: SEED, rateLimit: false });
  const odno = await restAt(lived, await freshToken(lived));
  const livedOrder = lived.market.orders().find((o) => o.odno === odno);
  assert.equal(livedOrder?.fills.length, 0, "the buy rests below the market");
  lived.clock.set(later);
  assert.ok((livedOrder?.filledQty ?? 0) > 0, "the tape comes down and fills it");

  await using file = await tempKv();
  const path = file.path;
  await withKv(path, async (kv) => {
    await using sim = await manualSimulator({ seed: SEED, kv, rateLimit: false });
    await restAt(sim, await freshToken(sim));
  });
  await withKv(path, async (kv) => {
    await using sim = await manualSimulator({ seed: SEED, kv, rateLimit: false });
    sim.clock.set(later);
    assert.deepEqual(sim.market.orders(), lived.market.orders());
    assert.deepEqual(sim.market.account(), lived.market.account());
  });
  await withKv(path, async (kv) => {
    await using sim = await manualSimulator({ seed: SEED, start: later, kv, rateLimit: false });
    assert.deepEqual(
      sim.market.orders(),
      lived.market.orders(),
      "the tape's fills were written, once each",
    );
  });
});

Deno.test("two simulators on one ledger: the one that writes second is stopped and answers EGW00002, the ledger keeps the first write only", async () => {
  await using file = await tempKv();
  const path = file.path;
  await withKv(path, async (kv) => {
    await using first = await manualSimulator({ seed: SEED, kv, rateLimit: false });
    await using second = await manualSimulator({ seed: SEED, kv, rateLimit: false });
    const secondToken = await freshToken(second);
    const kept = await sendOrder(second, secondToken, {
      side: "buy",
      code: CODE,
      qty: 1,
      price: 0,
    });
    const firstToken = await freshToken(first);
    const refused = await post(
      first,
      "/trading/order-cash",
      kisHeaders(first, firstToken, "TTTC0012U"),
      {
        ...accountFields(first),
        PDNO: CODE,
        ORD_DVSN: "01",
        ORD_QTY: "2",
        ORD_UNPR: "0",
        EXCG_ID_DVSN_CD: "KRX",
      },
    );
    assert.equal(refused.body.msg_cd, "EGW00002");
    const after = await ledgerAnswers(first, firstToken, WINDOW);
    assert.equal(
      (after.balance as Record<string, unknown>).msg_cd,
      "EGW00002",
      "the ledger stays stopped",
    );
    await using reloaded = await manualSimulator({ seed: SEED, kv, rateLimit: false });
    assert.deepEqual(reloaded.market.orders().map((o) => [o.odno, o.qty]), [[kept, 1]]);
  });
});
