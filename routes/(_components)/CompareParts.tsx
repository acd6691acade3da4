import { HOLDING_COLORS } from "@/core/web/chart_colors.ts";
import { formatKrw, formatKst, formatPercent } from "@/core/web/format.ts";
import type { Messages } from "@/core/web/i18n/mod.ts";
import { STRATEGIES } from "@/core/strategies/registry.ts";
import EquityCompareChart from "../../islands/EquityCompareChart.tsx";
import type { FormError } from "./forms.ts";
import { CsrfField, FieldError, FormMessage } from "./FormParts.tsx";
import { Notice } from "./Notice.tsx";

/** A stored run as `GET /api/v1/backtests/runs` lists it. */
export interface RunItem {
  readonly id: string;
  readonly name: string | null;
  readonly status: "queued" | "running" | "done" | "failed";
  readonly progress: number;
  readonly strategy: string;
  readonly symbols: readonly string[];
  readonly from: string | null;
  readonly to: string | null;
  readonly createdAt: string;
  readonly metrics: Readonly<Record<string, number | null>> | null;
  readonly error: { readonly message: string } | null;
}

/** `POST /api/v1/backtests/compare`'s answer. */
export interface Comparison {
  readonly runs: readonly {
    readonly id: string;
    readonly name: string | null;
    readonly strategy: string;
    readonly params: unknown;
    readonly symbols: readonly string[];
    readonly metrics: Readonly<Record<string, number | null>>;
  }[];
  readonly dates: readonly string[];
  readonly curves: readonly { readonly id: string; readonly values: readonly (number | null)[] }[];
}

/** A sweep as `GET /api/v1/backtests/sweeps/{id}` answers it. */
export interface SweepItem {
  readonly id: string;
  readonly name: string | null;
  readonly status: RunItem["status"];
  readonly progress: number;
  readonly strategy: string;
  readonly symbols: readonly string[];
  readonly createdAt: string;
  readonly error: { readonly message: string } | null;
  readonly objective?: string;
  readonly grid?: Readonly<Record<string, readonly unknown[]>>;
  readonly rows?: readonly {
    readonly params: Readonly<Record<string, unknown>>;
    readonly score: number | null;
  }[];
}

/** The page's forms. */
export const COMPARE_FORMS = ["run", "sweep", "delete"] as const;

/** One of the page's forms. */
export type CompareFormName = (typeof COMPARE_FORMS)[number];

const STRATEGY_IDS = Object.keys(STRATEGIES);
const OBJECTIVES = ["sharpe", "sortino", "totalReturn", "cagr", "calmar"] as const;
const RATIO_METRICS = new Set(["totalReturn", "cagr", "maxDrawdown", "winRate"]);
const SHOWN_METRICS = [
  "totalReturn",
  "cagr",
  "sharpe",
  "sortino",
  "maxDrawdown",
  "winRate",
  "trades",
  "finalEquity",
] as const;

/** A metric as the tables show it: ratios as percentages, won as won, the rest to 2 places. */
export function metricText(name: string, value: number | null | undefined, t: Messages): string {
  if (value === null || value === undefined || !Number.isFinite(value)) {
    return t.common.notAvailable;
  }
  if (RATIO_METRICS.has(name)) return formatPercent(Math.round(value * 10_000));
  if (name === "finalEquity") return formatKrw(Math.round(value));
  if (name === "trades") return String(value);
  return value.toFixed(2);
}

/** A run's label: its name, else its strategy and symbols. */
export function runLabel(
  run: { name: string | null; strategy: string; symbols: readonly string[] },
) {
  return run.name ?? `${run.strategy} · ${run.symbols.join(", ")}`;
}

/** The curve colour of the `index`th compared run. */
function curveColor(index: number): string {
  return HOLDING_COLORS[index % HOLDING_COLORS.length]!;
}

/** Fields both forms share: strategy, symbols, dates and cash. */
function CommonFields(
  { t, form, error, values }: {
    readonly t: Messages;
    readonly form: CompareFormName;
    readonly error: FormError | null;
    readonly values: Readonly<Record<string, string>>;
  },
) {
  const c = t.compare;
  return (
    <>
      <label>
        {c.strategy}
        <select name="strategy">
          {STRATEGY_IDS.map((id) => (
            <option value={id} selected={values.strategy === id}>{id}</option>
          ))}
        </select>
        <FieldError error={error} form={form} name="strategy" />
      </label>
      <label>
        {c.symbols}
        <input name="symbols" required value={values.symbols ?? "005930"} />
        <span class="muted small">{c.symbolsHint}</span>
        <FieldError error={error} form={form} name="symbols" />
      </label>
      <label>
        {c.from}
        <input name="from" type="date" required value={values.from ?? ""} />
        <FieldError error={error} form={form} name="from" />
      </label>
      <label>
        {c.to}
        <input name="to" type="date" required value={values.to ?? ""} />
        <FieldError error={error} form={form} name="to" />
      </label>
      <label>
        {c.cash}
        <input name="cash" inputMode="numeric" value={values.cash ?? "10,000,000"} />
        <FieldError error={error} form={form} name="cash" />
      </label>
    </>
  );
}

/** The form that saves (and queues) a backtest; it works without a script. */
export function RunForm(
  { t, csrf, error, values, done }: {
    readonly t: Messages;
    readonly csrf: string;
    readonly error: FormError | null;
    readonly values: Readonly<Record<string, string>>;
    readonly done: string | null;
  },
) {
  const c = t.compare;
  return (
    <article class="card" id="save-run">
      <h2>{c.runTitle}</h2>
      <FormMessage form="run" error={error} done={done} doneText={c.runQueued} />
      <FormMessage form="delete" error={error} done={done} doneText={c.runDeleted} />
      <form method="post" class="form" data-testid="run-form">
        <CsrfField csrf={csrf} />
        <input type="hidden" name="form" value="run" />
        <div class="form-row top">
          <label>
            {c.name}
            <input
              name="name"
              maxLength={100}
              placeholder={c.namePlaceholder}
              value={values.name ?? ""}
            />
            <FieldError error={error} form="run" name="name" />
          </label>
          <label>
            {c.params}
            <input name="params" placeholder="fast=5, slow=20" value={values.params ?? ""} />
            <span class="muted small">{c.paramsHint}</span>
            <FieldError error={error} form="run" name="params" />
          </label>
          <CommonFields t={t} form="run" error={error} values={values} />
        </div>
        <div>
          <button type="submit" class="primary">{c.save}</button>
        </div>
      </form>
    </article>
  );
}

/** The saved runs, each to pick for the comparison or to delete. */
export function RunsTable(
  { t, csrf, runs, picked }: {
    readonly t: Messages;
    readonly csrf: string;
    readonly runs: readonly RunItem[];
    readonly picked: readonly string[];
  },
) {
  const c = t.compare;
  return (
    <article class="card">
      <h2>{c.savedRuns}</h2>
      {runs.length === 0 ? <Notice kind="empty">{c.noRuns}</Notice> : (
        <>
          <p class="muted small">{c.pickHint}</p>
          <div class="table-scroll" tabIndex={0} role="region" aria-label={c.savedRuns}>
            <table class="data" data-testid="runs-table">
              <thead>
                <tr>
                  <th scope="col">{c.pick}</th>
                  <th scope="col">{c.name}</th>
                  <th scope="col">{c.period}</th>
                  <th scope="col">{t.columns.status}</th>
                  <th scope="col" class="num">{c.metrics.totalReturn}</th>
                  <th scope="col" class="num">{c.metrics.sharpe}</th>
                  <th scope="col" class="num">{c.metrics.maxDrawdown}</th>
                  <th scope="col">{c.remove}</th>
                </tr>
              </thead>
              <tbody>
                {runs.map((run) => (
                  <tr data-testid="run-row">
                    <td>
                      <input
                        type="checkbox"
                        name="run"
                        value={run.id}
                        form="compare-form"
                        disabled={run.status !== "done"}
                        checked={picked.includes(run.id)}
                        aria-label={runLabel(run)}
                      />
                    </td>
                    <th scope="row">
                      {runLabel(run)}
                      <div class="muted small">{run.strategy} · {run.symbols.join(", ")}</div>
                    </th>
                    <td class="nowrap">{run.from} – {run.to}</td>
                    <td>
                      <span class={`status run-${run.status}`}>{c.status[run.status]}</span>
                      {run.status === "running" &&
                        ` ${formatPercent(Math.round(run.progress * 10_000))}`}
                      {run.error && <div class="muted small">{run.error.message}</div>}
                    </td>
                    {(["totalReturn", "sharpe", "maxDrawdown"] as const).map((name) => (
                      <td class="num">{metricText(name, run.metrics?.[name], t)}</td>
                    ))}
                    <td>
                      <form method="post" class="inline-form">
                        <CsrfField csrf={csrf} />
                        <input type="hidden" name="form" value="delete" />
                        <input type="hidden" name="id" value={run.id} />
                        <button type="submit" class="danger">{c.remove}</button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <form method="get" id="compare-form" class="actions" action="#comparison">
            <button type="submit" class="primary" data-testid="compare-button">
              {c.compareButton}
            </button>
            <a href="/strategies/compare">{c.reload}</a>
          </form>
        </>
      )}
    </article>
  );
}

/** The first date of each month on the axis, for the curve table. */
function monthStarts(dates: readonly string[]): number[] {
  const picked: number[] = [];
  let month = "";
  dates.forEach((date, i) => {
    if (date.slice(0, 7) !== month) {
      month = date.slice(0, 7);
      picked.push(i);
    }
  });
  if (dates.length > 0 && picked.at(-1) !== dates.length - 1) picked.push(dates.length - 1);
  return picked;
}

/** The compared runs: overlaid curves (an island), the metrics table, and the curves as a table. */
export function ComparisonView(
  { t, comparison }: { readonly t: Messages; readonly comparison: Comparison },
) {
  const c = t.compare;
  const labels = comparison.runs.map(runLabel);
  const curves = comparison.curves.map((curve, i) => ({
    label: labels[i] ?? curve.id,
    values: curve.values,
    color: curveColor(i),
  }));
  const rows = monthStarts(comparison.dates);
  return (
    <article class="card" id="comparison" data-testid="comparison">
      <h2>{c.comparison}</h2>
      <EquityCompareChart
        dates={comparison.dates}
        curves={curves}
        description={c.chartLabel(curves.length)}
      />
      <div class="table-scroll" tabIndex={0} role="region" aria-label={c.comparison}>
        <table class="data" data-testid="metrics-table">
          <thead>
            <tr>
              <th scope="col">{c.metric}</th>
              {comparison.runs.map((run, i) => (
                <th scope="col" class="num">
                  <span class="swatch" style={{ background: curveColor(i) }} aria-hidden="true" />
                  {labels[i]}
                  <div class="muted small">
                    {Object.entries((run.params ?? {}) as Record<string, unknown>)
                      .map(([k, v]) => `${k}=${String(v)}`).join(", ")}
                  </div>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {SHOWN_METRICS.map((name) => (
              <tr>
                <th scope="row">{c.metrics[name]}</th>
                {comparison.runs.map((run) => (
                  <td class="num">{metricText(name, run.metrics[name], t)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <details>
        <summary>{c.curveTable}</summary>
        <div class="table-scroll" tabIndex={0} role="region" aria-label={c.curveTable}>
          <table class="data" data-testid="curve-table">
            <thead>
              <tr>
                <th scope="col">{c.date}</th>
                {labels.map((label, i) => <th key={i} scope="col" class="num">{label}</th>)}
              </tr>
            </thead>
            <tbody>
              {rows.map((i) => (
                <tr>
                  <th scope="row" class="nowrap">{comparison.dates[i]}</th>
                  {comparison.curves.map((curve) => (
                    <td class="num">{curve.values[i]?.toFixed(3) ?? t.common.notAvailable}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </article>
  );
}

/** The form that starts a sweep of two parameters. */
export function SweepForm(
  { t, csrf, error, values }: {
    readonly t: Messages;
    readonly csrf: string;
    readonly error: FormError | null;
    readonly values: Readonly<Record<string, string>>;
  },
) {
  const c = t.compare;
  return (
    <article class="card" id="sweep">
      <h2>{c.sweepTitle}</h2>
      <p class="muted small">{c.sweepHint}</p>
      <FormMessage form="sweep" error={error} done={null} doneText="" />
      <form method="post" class="form" data-testid="sweep-form">
        <CsrfField csrf={csrf} />
        <input type="hidden" name="form" value="sweep" />
        <div class="form-row top">
          <label>
            {c.xParam}
            <input name="xParam" required value={values.xParam ?? "fast"} />
          </label>
          <label>
            {c.values}
            <input name="xValues" required value={values.xValues ?? "3, 5, 8, 13"} />
            <span class="muted small">{c.valuesHint}</span>
            <FieldError error={error} form="sweep" name="xValues" />
          </label>
          <label>
            {c.yParam}
            <input name="yParam" required value={values.yParam ?? "slow"} />
            <FieldError error={error} form="sweep" name="yParam" />
          </label>
          <label>
            {c.values}
            <input name="yValues" required value={values.yValues ?? "20, 40, 60"} />
          </label>
          <label>
            {c.objective}
            <select name="objective">
              {OBJECTIVES.map((objective) => (
                <option value={objective} selected={values.objective === objective}>
                  {c.objectives[objective]}
                </option>
              ))}
            </select>
          </label>
          <CommonFields t={t} form="sweep" error={error} values={values} />
        </div>
        <div>
          <button type="submit" class="primary">{c.startSweep}</button>
        </div>
      </form>
    </article>
  );
}

/** A cell's shade of the heatmap: light for the lowest score, dark for the highest. */
function shade(score: number, low: number, high: number): { background: string; color: string } {
  const share = high === low ? 0.5 : (score - low) / (high - low);
  const lightness = Math.round(94 - share * 60);
  return { background: `hsl(174 55% ${lightness}%)`, color: lightness < 58 ? "#fff" : "#0f172a" };
}

/** A sweep: its progress while it runs, else its heatmap of the first two grid parameters. */
export function SweepView({ t, sweep }: { readonly t: Messages; readonly sweep: SweepItem }) {
  const c = t.compare;
  if (sweep.status === "failed") {
    return (
      <article class="card" id="sweep-result">
        <Notice kind="error">{c.sweepFailed(sweep.error?.message ?? "")}</Notice>
      </article>
    );
  }
  if (sweep.status !== "done" || !sweep.rows || !sweep.grid) {
    const percent = formatPercent(Math.round(sweep.progress * 10_000));
    return (
      <article class="card" id="sweep-result" data-testid="sweep-progress">
        <p role="status">{c.sweepProgress(percent)}</p>
        <progress max={1} value={sweep.progress}>{percent}</progress>
      </article>
    );
  }
  const [x = "", y] = Object.keys(sweep.grid);
  const xs = sweep.grid[x] ?? [];
  const ys = y === undefined ? [undefined] : sweep.grid[y] ?? [];
  const objective = (sweep.objective ?? "sharpe") as (typeof OBJECTIVES)[number];
  const scoreText = (score: number | null) => metricText(objective, score, t);
  const cell = (xv: unknown, yv: unknown) =>
    sweep.rows!.find((row) =>
      String(row.params[x]) === String(xv) &&
      (y === undefined || String(row.params[y]) === String(yv))
    );
  const scores = sweep.rows.map((row) => row.score).filter((s): s is number => s !== null);
  const low = Math.min(...scores);
  const high = Math.max(...scores);
  const best = sweep.rows[0];
  return (
    <article class="card" id="sweep-result" data-testid="heatmap">
      <h2>{c.heatmap(c.objectives[objective] ?? objective)}</h2>
      {best && best.score !== null && (
        <p data-testid="sweep-best">
          {c.best(
            [x, y].filter((k) => k !== undefined).map((k) => `${k}=${String(best.params[k!])}`)
              .join(", "),
            scoreText(best.score),
          )}
        </p>
      )}
      <div class="table-scroll" tabIndex={0} role="region" aria-label={c.sweepTitle}>
        <table class="data heatmap">
          <caption class="muted small">{c.heatmapCaption(y ?? "–", x)}</caption>
          <thead>
            <tr>
              <th scope="col">{y === undefined ? "" : `${y} \\ ${x}`}</th>
              {xs.map((xv) => <th key={String(xv)} scope="col" class="num">{String(xv)}</th>)}
            </tr>
          </thead>
          <tbody>
            {ys.map((yv) => (
              <tr>
                <th scope="row">{yv === undefined ? x : String(yv)}</th>
                {xs.map((xv) => {
                  const row = cell(xv, yv);
                  if (!row || row.score === null) {
                    return <td key={String(xv)} class="num">{c.noCell}</td>;
                  }
                  return (
                    <td
                      key={String(xv)}
                      class={`num heat${row === best ? " best" : ""}`}
                      style={shade(row.score, low, high)}
                    >
                      {scoreText(row.score)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="heat-legend muted small" aria-hidden="true">
        {c.low} <span class="heat-scale" /> {c.high}
      </p>
    </article>
  );
}

/** Recent sweeps, each a link to its heatmap. */
export function SweepList(
  { t, sweeps }: { readonly t: Messages; readonly sweeps: readonly SweepItem[] },
) {
  const c = t.compare;
  return (
    <article class="card">
      <h2>{c.recentSweeps}</h2>
      {sweeps.length === 0 ? <Notice kind="empty">{c.noSweeps}</Notice> : (
        <ul class="plain-list">
          {sweeps.map((sweep) => (
            <li>
              <a href={`/strategies/compare?sweep=${encodeURIComponent(sweep.id)}#sweep-result`}>
                {runLabel({ ...sweep, name: sweep.name })}
              </a>{" "}
              <span class={`status run-${sweep.status}`}>{c.status[sweep.status]}</span>{" "}
              <span class="muted small">{formatKst(Date.parse(sweep.createdAt))}</span>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
