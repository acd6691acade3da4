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
  const kis = (...args: string[]) =>
    runTask("kis", args, {
      env: {
        KIS_APP_KEY: sim.credentials.appKey,
        KIS_APP_SECRET: sim.credentials.appSecret,
        KIS_ACCOUNT: sim.credentials.account,
        KIS_ENV: sim.env,
        KIS_REST_URL: sim.restUrl,
        KIS_WS_URL: sim.wsUrl,
        KV_PATH: `${dir}/kis.kv`,
      },
    });
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
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
