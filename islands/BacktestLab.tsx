import { useSignal } from "@preact/signals";
import { useEffect, useMemo, useRef } from "preact/hooks";
import {
  type LabInputs,
  type LabReport,
  labSearch,
  type LabStrategy,
  labSymbols,
} from "@/core/web/backtest_lab.ts";
import {
  type LabBar,
  labBars,
  type LabCall,
  type LabProblem,
  runLab,
  saveLab,
} from "@/core/web/backtest_lab_run.ts";
import { BENCHMARK_COLOR, DOWN_COLOR, STRATEGY_COLOR, UP_COLOR } from "@/core/web/chart_colors.ts";
import { formatKrw, formatPercent } from "@/core/web/format.ts";
import { LabForm } from "./(_lab)/LabForm.tsx";
import { CurvesTable, type LabText, MetricsTable, TradesTable } from "./(_lab)/LabTables.tsx";
import { LineChart } from "./(_lab)/LineChart.tsx";
import { drawdowns } from "./(_lab)/series.ts";
import { StaticChart } from "./(_lab)/StaticChart.tsx";

/** Props of {@link BacktestLab}. */
export interface BacktestLabProps {
  readonly strategies: readonly LabStrategy[];
  readonly inputs: LabInputs;
  /** The server's run of `inputs`, or null when it was refused or failed. */
  readonly report: LabReport | null;
  /** Lab input name to the API's message, from the server's run. */
  readonly errors: Readonly<Record<string, string>>;
  /** Why the server's run failed (not an input the API named), or null. */
  readonly failure: string | null;
  /** The CSRF cookie's value, repeated in `X-CSRF-Token` on the API's POSTs. */
  readonly csrf: string;
  /** The id of the run just saved (the page's `?saved=`), or null. */
  readonly saved: string | null;
  /** Why saving was refused, or null. */
  readonly saveError: string | null;
  readonly text: LabText;
  readonly columns: { readonly symbol: string; readonly quantity: string; readonly pnl: string };
}

/** How long typing must pause before the lab runs again. */
const DEBOUNCE_MS = 300;

/** Whole won in a chart's axis: `₩12.3M` style is avoided; plain grouped won. */
function axisKrw(value: number): string {
  return formatKrw(value);
}

function axisPercent(value: number): string {
  return formatPercent(Math.round(value * 10_000));
}

/** The API over HTTP with the session cookie, aborted by `signal`. */
function httpCall(csrf: string, signal: AbortSignal): LabCall {
  return async (path, body) => {
    const response = await fetch(
      path,
      body === undefined ? { signal } : {
        method: "POST",
        signal,
        headers: { "content-type": "application/json", "x-csrf-token": csrf },
        body: JSON.stringify(body),
      },
    );
    let parsed: unknown = null;
    try {
      parsed = await response.json();
    } catch {
      // not JSON: the status alone says what happened
    }
    return { status: response.status, body: parsed };
  };
}

/**
 * The backtest lab: its form, and the results of the inputs: metrics against buy-and-hold, the
 * equity and drawdown curves, the price of one symbol with its buys and sells, and the trades.
 * Before the script runs it is the server's render (SVG curves, tables; the form submits by GET);
 * once it runs, every edit re-runs the backtest through the API after a pause (a newer edit aborts
 * the older run), redraws the charts, names the API's refusals next to their fields, and keeps the
 * address bar's query string (the share link) equal to the inputs.
 */
export default function BacktestLab(props: BacktestLabProps) {
  const { text, strategies } = props;
  const inputs = useSignal(props.inputs);
  const report = useSignal(props.report);
  const errors = useSignal(props.errors);
  const failure = useSignal(props.failure);
  const running = useSignal(false);
  const saving = useSignal(false);
  const saved = useSignal(props.saved);
  const saveError = useSignal(props.saveError);
  const live = useSignal(false);
  const shown = useSignal(labSymbols(props.inputs)[0] ?? "");
  const prices = useSignal<readonly LabBar[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inflight = useRef<AbortController | null>(null);
  const bars = useRef(new Map<string, Promise<readonly LabBar[] | LabProblem>>());

  const cachedBars = (call: LabCall, at: LabInputs) => (symbol: string) => {
    const key = `${symbol}|${at.from}|${at.to}`;
    let found = bars.current.get(key);
    if (found === undefined) {
      found = labBars(call, symbol, at.from, at.to);
      bars.current.set(key, found);
      // a failed read is asked again next time
      found.then(
        (r) => Array.isArray(r) ? undefined : bars.current.delete(key),
        () => bars.current.delete(key),
      );
    }
    return found;
  };

  const showPrices = async (call: LabCall, at: LabInputs) => {
    const symbols = labSymbols(at);
    if (!symbols.includes(shown.value)) shown.value = symbols[0] ?? "";
    if (shown.value === "") return;
    const rows = await cachedBars(call, at)(shown.value);
    prices.value = Array.isArray(rows) ? rows : [];
  };

  const run = async (at: LabInputs) => {
    inflight.current?.abort();
    const controller = new AbortController();
    inflight.current = controller;
    running.value = true;
    const call = httpCall(props.csrf, controller.signal);
    try {
      const outcome = await runLab(call, at, strategies.find((s) => s.id === at.strategy));
      if (controller.signal.aborted) return;
      if (outcome.kind === "report") {
        report.value = outcome.report;
        errors.value = {};
        failure.value = null;
        await showPrices(call, at);
      } else if (outcome.kind === "refused") {
        errors.value = outcome.fields;
        failure.value = null;
      } else {
        errors.value = {};
        failure.value = outcome.message;
      }
    } catch (error) {
      if (controller.signal.aborted) return;
      failure.value = error instanceof Error ? error.message : String(error);
    } finally {
      if (inflight.current === controller) {
        inflight.current = null;
        running.value = false;
      }
    }
  };

  const change = (next: LabInputs) => {
    inputs.value = next;
    history.replaceState(null, "", `${location.pathname}?${labSearch(next)}`);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void run(next), DEBOUNCE_MS);
  };

  const saveRun = async () => {
    saving.value = true;
    saved.value = null;
    saveError.value = null;
    const at = inputs.value;
    try {
      const outcome = await saveLab(
        httpCall(props.csrf, new AbortController().signal),
        at,
        strategies.find((s) => s.id === at.strategy),
      );
      if (outcome.kind === "saved") saved.value = outcome.id;
      else {
        if (outcome.kind === "refused") errors.value = outcome.fields;
        saveError.value = outcome.message;
      }
    } catch (error) {
      saveError.value = error instanceof Error ? error.message : String(error);
    } finally {
      saving.value = false;
    }
  };

  useEffect(() => {
    live.value = true;
    const controller = new AbortController();
    void showPrices(httpCall(props.csrf, controller.signal), inputs.value).catch(() => {});
    return () => {
      controller.abort();
      inflight.current?.abort();
      clearTimeout(timer.current);
    };
  }, []);

  const current = report.value;
  const labels = useMemo(() => current?.equity.map((p) => p.date) ?? [], [current]);
  const equitySets = useMemo(() =>
    current
      ? [
        {
          label: text.strategyLine,
          data: current.equity.map((p) => p.equity),
          borderColor: STRATEGY_COLOR,
          backgroundColor: STRATEGY_COLOR,
        },
        {
          label: text.holdLine,
          data: current.benchmarkEquity.map((p) => p.equity),
          borderColor: BENCHMARK_COLOR,
          backgroundColor: BENCHMARK_COLOR,
          borderDash: [6, 4],
        },
      ]
      : [], [current]);
  const falls = useMemo(() => current ? drawdowns(current.equity) : [], [current]);
  const drawdownSets = useMemo(() => [{
    label: text.drawdown,
    data: falls,
    borderColor: DOWN_COLOR,
    backgroundColor: DOWN_COLOR,
  }], [falls]);
  const priceRows = prices.value;
  const priceLabels = useMemo(() => priceRows.map((bar) => bar.date), [priceRows]);
  const priceSets = useMemo(() => {
    const at = new Map(priceRows.map((bar, i) => [bar.date, i]));
    const buys: (number | null)[] = priceRows.map(() => null);
    const sells: (number | null)[] = priceRows.map(() => null);
    for (const trade of current?.trades ?? []) {
      if (trade.symbol !== shown.value) continue;
      const entry = at.get(trade.entryDate);
      if (entry !== undefined) buys[entry] = trade.entryPrice;
      const exit = trade.exitDate === null ? undefined : at.get(trade.exitDate);
      if (exit !== undefined && trade.exitPrice !== null) sells[exit] = trade.exitPrice;
    }
    const marker = { showLine: false, pointRadius: 6, pointHoverRadius: 6 };
    return [
      {
        label: shown.value,
        data: priceRows.map((bar) => bar.close),
        borderColor: BENCHMARK_COLOR,
        backgroundColor: BENCHMARK_COLOR,
        borderWidth: 1.5,
      },
      {
        label: text.buy,
        data: buys,
        borderColor: UP_COLOR,
        backgroundColor: UP_COLOR,
        pointStyle: "triangle" as const,
        ...marker,
      },
      {
        label: text.sell,
        data: sells,
        borderColor: DOWN_COLOR,
        backgroundColor: DOWN_COLOR,
        pointStyle: "triangle" as const,
        rotation: 180,
        ...marker,
      },
    ];
  }, [priceRows, current]);
  const symbols = labSymbols(inputs.value);

  return (
    <div class="lab">
      <section class="card lab-inputs" aria-labelledby="lab-inputs-title">
        <h2 id="lab-inputs-title">{text.inputs}</h2>
        <LabForm
          strategies={strategies}
          inputs={inputs.value}
          errors={errors.value}
          text={text}
          onChange={change}
          onRun={() => {
            clearTimeout(timer.current);
            void run(inputs.value);
          }}
        />
        <form
          class="lab-save"
          method="post"
          action="/backtest"
          data-testid="lab-save"
          onSubmit={(event: Event) => {
            event.preventDefault();
            void saveRun();
          }}
        >
          <input type="hidden" name="csrf" value={props.csrf} />
          <input type="hidden" name="query" value={labSearch(inputs.value)} />
          <button type="submit" disabled={saving.value}>
            {saving.value ? text.saving : text.save}
          </button>
          <a href={`/backtest?${labSearch(inputs.value)}`} class="small" data-testid="lab-share">
            {text.share}
          </a>
        </form>
        {saved.value !== null && (
          <p class="form-ok" role="status" data-testid="lab-saved">
            {text.saved}{" "}
            <a href={`/api/v1/backtests/runs/${encodeURIComponent(saved.value)}`}>
              {saved.value}
            </a>
          </p>
        )}
        {saveError.value !== null && (
          <p class="form-error" role="alert" data-testid="lab-save-error">{saveError.value}</p>
        )}
      </section>
      <section
        class="lab-results"
        aria-labelledby="lab-results-title"
        aria-busy={running.value}
        data-testid="lab-results"
        data-state={running.value ? "running" : "idle"}
      >
        <div class="lab-results-head">
          <h2 id="lab-results-title">{text.results}</h2>
          <span class="muted small" role="status" data-testid="lab-status">
            {running.value ? text.running : ""}
          </span>
        </div>
        {failure.value !== null && (
          <p class="notice notice-error" role="alert" data-testid="lab-failure">
            {text.failed} {failure.value}
          </p>
        )}
        {Object.keys(errors.value).length > 0 && (
          <p class="form-error" role="alert" data-testid="lab-refused">
            {text.refused} {Object.values(errors.value)[0]}
          </p>
        )}
        {current === null ? <p class="notice notice-empty">{text.noResult}</p> : (
          <>
            <article class="card">
              <h3>{text.metrics}</h3>
              <MetricsTable report={current} text={text} />
            </article>
            <article class="card">
              <h3>{text.equity}</h3>
              {live.value
                ? (
                  <LineChart
                    labels={labels}
                    datasets={equitySets}
                    label={text.equityChart}
                    format={axisKrw}
                    legend
                    testId="chart-equity"
                  />
                )
                : (
                  <StaticChart
                    label={text.equityChart}
                    lines={[
                      { values: current.equity.map((p) => p.equity), color: STRATEGY_COLOR },
                      {
                        values: current.benchmarkEquity.map((p) => p.equity),
                        color: BENCHMARK_COLOR,
                      },
                    ]}
                  />
                )}
              <h3>{text.drawdown}</h3>
              {live.value
                ? (
                  <LineChart
                    labels={labels}
                    datasets={drawdownSets}
                    label={text.drawdownChart}
                    format={axisPercent}
                    testId="chart-drawdown"
                  />
                )
                : (
                  <StaticChart
                    label={text.drawdownChart}
                    lines={[{ values: falls, color: DOWN_COLOR }]}
                  />
                )}
              <CurvesTable report={current} text={text} />
            </article>
            {live.value && priceRows.length > 0 && (
              <article class="card">
                <div class="lab-results-head">
                  <h3>{text.price}</h3>
                  {symbols.length > 1 && (
                    <label class="small">
                      {text.priceSymbol}{" "}
                      <select
                        value={shown.value}
                        onInput={(event: { currentTarget: HTMLSelectElement }) => {
                          shown.value = event.currentTarget.value;
                          const controller = new AbortController();
                          void showPrices(httpCall(props.csrf, controller.signal), inputs.value)
                            .catch(() => {});
                        }}
                      >
                        {symbols.map((s) => <option key={s} value={s}>{s}</option>)}
                      </select>
                    </label>
                  )}
                </div>
                <LineChart
                  labels={priceLabels}
                  datasets={priceSets}
                  label={`${shown.value}: ${text.priceChart}`}
                  format={axisKrw}
                  legend
                  testId="chart-price"
                />
              </article>
            )}
            <article class="card">
              <h3>{text.trades}</h3>
              <TradesTable report={current} text={text} columns={props.columns} />
            </article>
          </>
        )}
      </section>
    </div>
  );
}
