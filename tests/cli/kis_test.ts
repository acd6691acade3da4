import assert from "node:assert/strict";
import { startSimulator } from "@/core/kis-sim/mod.ts";
import { displayWidth } from "@/cli/_table.ts";
import { lines, PROJECT_ROOT, runTask } from "./_task.ts";

/** The simulated market opens Friday 2026-11-20 at 09:30 KST and stays there (manual clock). */
const SIM_DATE = "2026-11-20";

Deno.test("deno task kis shows tables a reader can scan, and refusals as one line", async (t) => {
  await using sim = await startSimulator({
    seed: 5,
    clock: { mode: "manual", start: new Date("2026-11-20T00:30:00Z") },
    pingIntervalMs: 0,
  });
  // The task may write only under the project's data/ folder.
  await Deno.mkdir(`${PROJECT_ROOT}/data`, { recursive: true });
  const dir = await Deno.makeTempDir({ dir: `${PROJECT_ROOT}/data`, prefix: "kis-test-" });
  const kisEnv = {
    KIS_APP_KEY: sim.credentials.appKey,
    KIS_APP_SECRET: sim.credentials.appSecret,
    KIS_ACCOUNT: sim.credentials.account,
    KIS_ENV: sim.env,
    KIS_REST_URL: sim.restUrl,
    KIS_WS_URL: sim.wsUrl,
    KV_PATH: `${dir}/kis.kv`,
  };
  const kis = (...args: string[]) => runTask("kis", args, { env: kisEnv });
  try {
    for (const code of ["005930", "000660", "069500"]) {
      const run = await kis("order", "buy", code, "12", "--market");
      assert.equal(run.code, 0, run.stderr);
    }
    const far = Math.floor(sim.market.price("005930") * 0.8 / 100) * 100;
    const limit = await kis("order", "buy", "005930", "2", "--limit", String(far), "--json");
    assert.equal(limit.code, 0, limit.stderr);
    const orderNo = JSON.parse(limit.stdout).orderNo as string;
    const cancel = await kis("cancel", orderNo);
    assert.equal(cancel.code, 0, cancel.stderr);

    await t.step(
      "balance: Korean names keep the columns aligned; prices have separators",
      async () => {
        const run = await kis("balance");
        assert.equal(run.code, 0, run.stderr);
        const table = lines(run.stdout).slice(0, 5);
        // Each row's "qty" column ends at the same display column as the header's.
        const end = (line: string, text: string) => displayWidth(line.slice(0, line.indexOf(text)));
        const header = table[0]!;
        const qtyEnd = end(header, "qty") + 3;
        for (const row of table.slice(2)) {
          const cells = row.split(/\s{2,}/);
          assert.equal(end(row, ` ${cells[2]}`) + 1 + cells[2]!.length, qtyEnd, row);
          assert.match(cells[4]!, /^\d{1,3}(,\d{3})+(\.\d+)?$/, `avg price in ${row}`);
        }
        assert.ok(table.some((row) => row.includes("삼성전자")));
      },
    );

    await t.step("fills: a market order says market, a cancel says what it cancels", async () => {
      const run = await kis("fills", "--from", SIM_DATE, "--to", SIM_DATE);
      assert.equal(run.code, 0, run.stderr);
      const rows = lines(run.stdout).slice(2);
      assert.ok(
        rows.some((row) => / new +\d{6} +buy +market +12 +market /.test(row)),
        run.stdout,
      );
      assert.ok(
        rows.some((row) => new RegExp(`cancel of ${orderNo} +005930 +buy`).test(row)),
        run.stdout,
      );
    });

    await t.step(
      "cancel of an order the broker does not know: exit 1, the broker's words",
      async () => {
        const run = await kis("cancel", "9999999999");
        assert.equal(run.code, 1);
        assert.equal(lines(run.stderr).length, 1, run.stderr);
        assert.match(run.stderr, /^kis: \w+: \[APBK0913\] 원주문번호가 존재하지 않습니다/);
      },
    );

    await t.step(
      "orders go where --route or KIS_ORDER_ROUTE sends them; quotes come from --source",
      async () => {
        const viaNxt = await kis(
          "order",
          "buy",
          "005930",
          "1",
          "--limit",
          String(far),
          "--route",
          "NXT",
          "--json",
        );
        assert.equal(viaNxt.code, 0, viaNxt.stderr);
        const nxtAck = JSON.parse(viaNxt.stdout);
        assert.equal(nxtAck.route, "NXT");
        const viaSetting = await runTask("kis", [
          "order",
          "buy",
          "005930",
          "1",
          "--limit",
          String(far),
        ], {
          env: { ...kisEnv, KIS_ORDER_ROUTE: "SOR" },
        });
        assert.equal(viaSetting.code, 0, viaSetting.stderr);
        assert.match(viaSetting.stdout, / via SOR /);
        const journal = await kis("fills", "--from", SIM_DATE, "--to", SIM_DATE, "--json");
        assert.equal(journal.code, 0, journal.stderr);
        const listed = JSON.parse(journal.stdout) as { orderNo: string; route: string }[];
        assert.equal(listed.find((o) => o.orderNo === nxtAck.orderNo)?.route, "NXT");
        const nxtQuote = await kis("price", "005930", "--source", "NXT", "--json");
        assert.equal(nxtQuote.code, 0, nxtQuote.stderr);
        assert.equal(JSON.parse(nxtQuote.stdout).symbol, "005930");
      },
    );

    await t.step("a route or quote source KIS does not know is a usage error", async () => {
      const route = await kis("order", "buy", "005930", "1", "--market", "--route", "NYSE");
      assert.equal(route.code, 2);
      assert.match(route.stderr, /--route must be KRX, NXT or SOR/);
      const source = await kis("price", "005930", "--source", "LSE");
      assert.equal(source.code, 2);
      assert.match(source.stderr, /--source must be KRX, NXT or integrated/);
      const setting = await runTask("kis", ["balance"], {
        env: { ...kisEnv, KIS_ORDER_ROUTE: "ALL" },
      });
      assert.equal(setting.code, 2);
      assert.match(setting.stderr, /KIS_ORDER_ROUTE must be KRX, NXT or SOR/);
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
