import assert from "node:assert/strict";
import { basename, join } from "node:path";
import { createApiApp } from "@/core/api/app.ts";
import type { Principal } from "@/core/api/access.ts";
import { seededBars } from "@/core/notebook/mod.ts";
import { ensureKernel, executeNotebook, notebookPaths } from "@/notebooks/execute.ts";
import { notebookTestsEnabled } from "./_jupyter.ts";

interface Output {
  readonly output_type: string;
  readonly data?: Record<string, string | string[]>;
  readonly ename?: string;
  readonly evalue?: string;
}

interface Notebook {
  readonly cells: { readonly cell_type: string; readonly outputs?: Output[] }[];
}

/** What each notebook's outputs must show, beyond running without errors. */
const EXPECTED: Record<string, { readonly reports: number; readonly markers: readonly string[] }> =
  {
    "01_quickstart.ipynb": { reports: 1, markers: ["Sharpe", "최대 낙폭", "매수 후 보유", "₩"] },
    "02_strategy_comparison.ipynb": {
      reports: 2,
      markers: ["MA 5/20", "RSI 14", "Bollinger 20·2", "Composite vote", "Sharpe"],
    },
    "03_parameter_sweep.ipynb": {
      reports: 2,
      markers: ['stroke-width="3"', "overfit", "Sharpe", "fast"],
    },
    "04_walk_forward.ipynb": {
      reports: 1,
      markers: ["OOS 누적 수익률", "out-of-sample", "사후 최적"],
    },
    "05_portfolio_rebalancing.ipynb": {
      reports: 2,
      markers: ["보유만 (never)", "20일마다", "60일마다", "Sharpe"],
    },
  };

const text = (value: string | string[] | undefined) =>
  Array.isArray(value) ? value.join("") : value ?? "";

const VIEWER: Principal = {
  subject: "u-notebook",
  username: "viewer",
  role: "viewer",
  via: "bearer",
};

Deno.test({
  name: "every notebook runs on the Deno kernel and shows its reports with metrics and charts",
  ignore: !(await notebookTestsEnabled()),
  fn: async (t) => {
    await ensureKernel();
    const outDir = await Deno.makeTempDir({ prefix: "notebooks-test-" });
    const reportJson = join(outDir, "quickstart_report.json");
    try {
      const paths = notebookPaths();
      assert.deepEqual(paths.map((p) => basename(p)), Object.keys(EXPECTED));
      for (const path of paths) {
        const name = basename(path);
        await t.step(name, async () => {
          const run = await executeNotebook(path, outDir, { YEOUIDO_REPORT_JSON: reportJson });
          assert.ok(run.ok, run.stderr);
          const notebook: Notebook = JSON.parse(await Deno.readTextFile(run.executed));
          const outputs = notebook.cells.flatMap((cell) => cell.outputs ?? []);
          const errors = outputs.filter((o) => o.output_type === "error");
          assert.deepEqual(errors, [], `${name} has no cell errors`);
          const rich = outputs.map((o) =>
            text(o.data?.["text/html"]) + text(o.data?.["image/svg+xml"])
          );
          for (const o of outputs) {
            assert.ok(
              text(o.data?.["text/plain"]).length > 0,
              `${name}: every output has plain text`,
            );
          }
          const reports = rich.filter((markup) => markup.includes("<svg"));
          const expected = EXPECTED[name]!;
          assert.ok(
            reports.length >= expected.reports,
            `${name}: ${reports.length} outputs with a chart, expected ${expected.reports}`,
          );
          const all = rich.join("\n") +
            outputs.map((o) => text(o.data?.["text/markdown"])).join("\n");
          for (const marker of expected.markers) {
            assert.ok(all.includes(marker), `${name} shows ${marker}`);
          }
          assert.ok(
            !/<script[\s>]/i.test(all),
            `${name}: no script elements, so charts render offline`,
          );
        });
      }
      await t.step("the quickstart reads bars from the CSV YEOUIDO_BARS_CSV names", async () => {
        const [bars] = seededBars({ symbols: ["000660"], days: 120 });
        const csv = join(outDir, "000660.csv");
        const columns = ["open", "high", "low", "close", "volume"] as const;
        await Deno.writeTextFile(
          csv,
          [
            "date,open,high,low,close,volume",
            ...bars!.bars.dates.map((date, i) =>
              [date, ...columns.map((column) => bars!.bars[column][i])].join(",")
            ),
          ].join("\n"),
        );
        const csvDir = join(outDir, "csv");
        await Deno.mkdir(csvDir);
        const run = await executeNotebook(paths[0]!, csvDir, {
          YEOUIDO_BARS_CSV: csv,
          YEOUIDO_REPORT_JSON: join(csvDir, "report.json"),
        });
        assert.ok(run.ok, run.stderr);
        const written = JSON.parse(await Deno.readTextFile(join(csvDir, "report.json")));
        assert.equal(written.report.equity.length, 120);
        assert.ok(
          written.report.trades.every((trade: { symbol: string }) => trade.symbol === "000660"),
        );
        const notebook: Notebook = JSON.parse(await Deno.readTextFile(run.executed));
        const plain = notebook.cells.flatMap((cell) => cell.outputs ?? [])
          .map((o) => text(o.data?.["text/plain"])).join("\n");
        assert.match(plain, /backtest ma-cross \{"fast":5,"slow":20\} on 000660/);
      });
      await t.step(
        "the quickstart's numbers equal POST /api/v1/backtests for the same inputs",
        async () => {
          const written = JSON.parse(await Deno.readTextFile(reportJson));
          const series = seededBars({ symbols: written.symbols });
          const app = createApiApp({ authenticate: () => Promise.resolve(VIEWER) });
          const res = await app.request("/api/v1/backtests", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({
              strategy: written.strategy,
              params: written.params,
              ...written.options,
              series: series.map(({ symbol, bars }) => ({
                symbol,
                rows: bars.dates.map((date, i) => ({
                  date,
                  open: bars.open[i],
                  high: bars.high[i],
                  low: bars.low[i],
                  close: bars.close[i],
                  volume: bars.volume[i],
                })),
              })),
            }),
          });
          assert.equal(res.status, 200, await res.clone().text());
          const api = await res.json();
          assert.ok(written.report.trades.length > 0, "the quickstart trades");
          assert.deepEqual(written.report, api);
        },
      );
    } finally {
      await Deno.remove(outDir, { recursive: true });
    }
  },
});
