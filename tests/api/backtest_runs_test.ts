import assert from "node:assert/strict";
import type { Principal } from "@/core/api/access.ts";
import { createApiApp } from "@/core/api/app.ts";
import type { ApiApp } from "@/core/api/context.ts";
import { eventually, startLab } from "../lab/_lab.ts";
import { expectError, expectJson, fieldsOf, postJson } from "./_api.ts";

const RANGE = { from: "2026-05-01", to: "2026-11-26" };

function appFor(lab: Awaited<ReturnType<typeof startLab>>, principal: Principal): ApiApp {
  return createApiApp({
    authenticate: () => Promise.resolve(principal),
    broker: lab.e2e.broker,
    store: lab.store,
  });
}

const kim: Principal = { subject: "user-kim", username: "kim", role: "viewer", via: "bearer" };
const lee: Principal = { subject: "user-lee", username: "lee", role: "viewer", via: "bearer" };
const boss: Principal = { subject: "user-boss", username: "boss", role: "admin", via: "bearer" };

interface RunBody {
  run: { id: string; status: string; progress: number; report?: unknown; metrics: unknown };
}

async function finished(app: ApiApp, path: string): Promise<Record<string, unknown>> {
  return await eventually(
    async () => await expectJson<Record<string, { status: string }>>(await app.request(path), 200),
    (body) => ["done", "failed"].includes(Object.values(body)[0]!.status),
    `${path} finishing`,
  );
}

Deno.test("backtest runs are queued, executed on the KV queue and stored with the report", async (t) => {
  await using lab = await startLab();
  const app = appFor(lab, kim);
  const request = {
    strategy: "ma-cross",
    params: { fast: 3, slow: 10 },
    ...RANGE,
    series: [{ symbol: "005930" }],
  };
  let firstId = "";

  await t.step("POST answers 202 with the queued run", async () => {
    const body = await expectJson<RunBody>(
      await postJson(app, "/api/v1/backtests/runs", { ...request, name: "삼성 3/10" }),
      202,
    );
    assert.equal(body.run.status, "queued");
    assert.equal(body.run.progress, 0);
    firstId = body.run.id;
  });

  await t.step("the run finishes with the report POST /backtests answers", async () => {
    const body = await finished(app, `/api/v1/backtests/runs/${firstId}`) as unknown as RunBody;
    assert.equal(body.run.status, "done");
    assert.equal(body.run.progress, 1);
    const direct = await expectJson(await postJson(app, "/api/v1/backtests", request), 200);
    assert.deepEqual(body.run.report, direct);
    assert.deepEqual(body.run.metrics, direct.metrics);
  });

  await t.step("the list is newest first, paged by cursor, without reports", async () => {
    const second = await expectJson<RunBody>(
      await postJson(app, "/api/v1/backtests/runs", { ...request, params: { fast: 5, slow: 20 } }),
      202,
    );
    const page1 = await expectJson<{ items: RunBody["run"][]; nextCursor: string }>(
      await app.request("/api/v1/backtests/runs?limit=1"),
      200,
    );
    assert.deepEqual(page1.items.map((r) => r.id), [second.run.id]);
    assert.ok(page1.nextCursor);
    const page2 = await expectJson<{ items: RunBody["run"][]; nextCursor: string | null }>(
      await app.request(`/api/v1/backtests/runs?limit=1&cursor=${page1.nextCursor}`),
      200,
    );
    assert.deepEqual(page2.items.map((r) => r.id), [firstId]);
    assert.equal(page2.nextCursor, null);
    assert.equal(page2.items[0]!.report, undefined);
    await finished(app, `/api/v1/backtests/runs/${second.run.id}`);
  });

  await t.step("compare lines up the runs' curves from 1.0 with their metrics", async () => {
    const list = await expectJson<{ items: RunBody["run"][] }>(
      await app.request("/api/v1/backtests/runs"),
      200,
    );
    const ids = list.items.map((r) => r.id);
    const body = await expectJson<{
      runs: { id: string; metrics: Record<string, number> }[];
      dates: string[];
      curves: { id: string; values: (number | null)[] }[];
    }>(await postJson(app, "/api/v1/backtests/compare", { runIds: ids }), 200);
    assert.deepEqual(body.runs.map((r) => r.id), ids);
    assert.deepEqual(body.curves.map((c) => c.id), ids);
    assert.ok(body.dates.length > 100);
    for (const curve of body.curves) {
      assert.equal(curve.values.length, body.dates.length);
      assert.equal(curve.values[0], 1);
    }
    assert.notDeepEqual(body.curves[0]!.values, body.curves[1]!.values);
    assert.equal(typeof body.runs[0]!.metrics.totalReturn, "number");
  });

  await t.step("compare names an unknown or unfinished run, and wants 2 to 8 ids", async () => {
    const unknown = await expectError(
      await postJson(app, "/api/v1/backtests/compare", {
        runIds: [firstId, "01HZZZZZZZZZZZZZZZZZZZZZZZ"],
      }),
      404,
    );
    assert.deepEqual(fieldsOf(unknown), ["body.runIds[1]"]);
    const one = await expectError(
      await postJson(app, "/api/v1/backtests/compare", { runIds: [firstId] }),
      400,
    );
    assert.deepEqual(fieldsOf(one), ["body.runIds"]);
    const twice = await expectError(
      await postJson(app, "/api/v1/backtests/compare", { runIds: [firstId, firstId] }),
      400,
    );
    assert.deepEqual(fieldsOf(twice), ["body.runIds"]);
  });

  await t.step("only the owner or an admin deletes a run", async () => {
    const refused = await expectError(
      await appFor(lab, lee).request(`/api/v1/backtests/runs/${firstId}`, { method: "DELETE" }),
      403,
    );
    assert.equal(refused.code, "forbidden");
    const res = await app.request(`/api/v1/backtests/runs/${firstId}`, { method: "DELETE" });
    assert.deepEqual(await expectJson(res, 200), { id: firstId, deleted: true });
    await expectError(await app.request(`/api/v1/backtests/runs/${firstId}`), 404);
    const parts = [];
    for await (const entry of lab.store.kv.list({ prefix: ["backtest_parts", firstId] })) {
      parts.push(entry.key);
    }
    assert.deepEqual(parts, [], "the request and report parts go with the record");
    const list = await expectJson<{ items: RunBody["run"][] }>(
      await app.request("/api/v1/backtests/runs"),
      200,
    );
    const [other] = list.items;
    const byAdmin = await appFor(lab, boss).request(`/api/v1/backtests/runs/${other!.id}`, {
      method: "DELETE",
    });
    assert.equal((await expectJson(byAdmin, 200)).deleted, true);
  });

  await t.step(
    "a bad inline bar is refused at once, naming it, and nothing is stored",
    async () => {
      const error = await expectError(
        await postJson(app, "/api/v1/backtests/runs", {
          series: [
            { symbol: "005930" },
            { symbol: "000660", csv: "date,open,high,low,close,volume\n2026-01-02,x,1,1,1,1" },
          ],
          ...RANGE,
        }),
        400,
      );
      assert.deepEqual(fieldsOf(error), ["body.series[1].csv"]);
      const list = await expectJson<{ items: unknown[] }>(
        await app.request("/api/v1/backtests/runs"),
        200,
      );
      assert.deepEqual(list.items, []);
    },
  );

  await t.step("a symbol the broker does not know fails the run, naming the series", async () => {
    const body = await expectJson<RunBody>(
      await postJson(app, "/api/v1/backtests/runs", { ...RANGE, series: [{ symbol: "999999" }] }),
      202,
    );
    const done = await finished(app, `/api/v1/backtests/runs/${body.run.id}`) as {
      run: { status: string; error: { code: string; details: { field: string }[] } };
    };
    assert.equal(done.run.status, "failed");
    assert.equal(done.run.error.code, "unknown_symbol");
    assert.deepEqual(done.run.error.details.map((d) => d.field), ["body.series[0].symbol"]);
  });
});

Deno.test("a parameter sweep is queued and answers every combination's metrics, best first", async (t) => {
  await using lab = await startLab();
  const app = appFor(lab, kim);

  await t.step("a 3 × 3 grid gives nine rows ranked by the objective", async () => {
    const body = await expectJson<{ sweep: { id: string; status: string } }>(
      await postJson(app, "/api/v1/backtests/sweeps", {
        strategy: "ma-cross",
        grid: { fast: [3, 5, 8], slow: [15, 20, 30] },
        series: [{ symbol: "005930" }, { symbol: "000660" }],
        ...RANGE,
        objective: "totalReturn",
      }),
      202,
    );
    assert.equal(body.sweep.status, "queued");
    const done = await finished(app, `/api/v1/backtests/sweeps/${body.sweep.id}`) as {
      sweep: {
        status: string;
        progress: number;
        rows: { params: { fast: number; slow: number }; score: number; totalReturn: number }[];
      };
    };
    assert.equal(done.sweep.status, "done");
    assert.equal(done.sweep.progress, 1);
    assert.equal(done.sweep.rows.length, 9);
    const cells = done.sweep.rows.map((r) => `${r.params.fast}/${r.params.slow}`).sort();
    assert.deepEqual(cells, [
      "3/15",
      "3/20",
      "3/30",
      "5/15",
      "5/20",
      "5/30",
      "8/15",
      "8/20",
      "8/30",
    ]);
    const scores = done.sweep.rows.map((r) => r.score);
    assert.deepEqual(scores, [...scores].sort((a, b) => b - a));
    assert.equal(done.sweep.rows[0]!.score, done.sweep.rows[0]!.totalReturn);
  });

  await t.step("the list shows the sweep", async () => {
    const list = await expectJson<{ items: { status: string }[] }>(
      await app.request("/api/v1/backtests/sweeps"),
      200,
    );
    assert.deepEqual(list.items.map((s) => s.status), ["done"]);
  });

  await t.step("a grid over 400 combinations or with a bad value is 400 naming it", async () => {
    const values = Array.from({ length: 21 }, (_, i) => i + 1);
    const big = await expectError(
      await postJson(app, "/api/v1/backtests/sweeps", {
        grid: { fast: values, slow: values.map((v) => v + 30) },
        series: [{ symbol: "005930" }],
        ...RANGE,
      }),
      400,
    );
    assert.deepEqual(fieldsOf(big), ["body.grid"]);
    const bad = await expectError(
      await postJson(app, "/api/v1/backtests/sweeps", {
        grid: { fast: [0] },
        series: [{ symbol: "005930" }],
        ...RANGE,
      }),
      400,
    );
    assert.equal(bad.code, "invalid_params");
    assert.deepEqual(fieldsOf(bad), ["body.grid"]);
  });
});

Deno.test("lab routes answer 503 without a store", async () => {
  const app = createApiApp({ authenticate: () => Promise.resolve(kim) });
  const error = await expectError(await app.request("/api/v1/backtests/runs"), 503);
  assert.equal(error.code, "store_unavailable");
});
