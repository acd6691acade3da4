import { useSignal } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import {
  type LabInputs,
  type LabReport,
  labSearch,
  type LabStrategy,
  labSymbols,
} from "@/core/web/backtest_lab.ts";
import { type LabBar, type LabCall, runLab } from "@/core/web/backtest_lab_run.ts";
import { CurvesCard } from "./(_lab)/CurvesCard.tsx";
import { barsCache, httpCall } from "./(_lab)/http.ts";
import { LabForm } from "./(_lab)/LabForm.tsx";
import { type LabText, MetricsTable, TradesTable } from "./(_lab)/LabTables.tsx";
import { PriceCard } from "./(_lab)/PriceCard.tsx";
import { SaveRun } from "./(_lab)/SaveRun.tsx";

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
  const live = useSignal(false);
  const shown = useSignal(labSymbols(props.inputs)[0] ?? "");
  const prices = useSignal<{ readonly symbol: string; readonly bars: readonly LabBar[] } | null>(
    null,
  );
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inflight = useRef<AbortController | null>(null);
  const bars = useRef(barsCache());
  const strategyOf = (at: LabInputs) => strategies.find((s) => s.id === at.strategy);

  /** Reads the shown symbol's bars for the price chart (the first symbol when it is gone). */
  const showPrices = async (call: LabCall, at: LabInputs) => {
    const symbols = labSymbols(at);
    if (!symbols.includes(shown.value)) shown.value = symbols[0] ?? "";
    if (shown.value === "") return;
    const symbol = shown.value;
    const rows = await bars.current(call, symbol, at.from, at.to);
    prices.value = Array.isArray(rows) ? { symbol, bars: rows } : null;
  };

  const run = async (at: LabInputs) => {
    inflight.current?.abort();
    const controller = new AbortController();
    inflight.current = controller;
    running.value = true;
    const call = httpCall(props.csrf, controller.signal);
    try {
      const outcome = await runLab(call, at, strategyOf(at));
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
        <SaveRun
          inputs={inputs.value}
          strategy={strategyOf(inputs.value)}
          csrf={props.csrf}
          saved={props.saved}
          error={props.saveError}
          onRefused={(fields) => errors.value = fields}
          text={text}
        />
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
            <CurvesCard report={current} text={text} live={live.value} />
            {live.value && prices.value !== null && prices.value.bars.length > 0 && (
              <PriceCard
                report={current}
                bars={prices.value.bars}
                symbol={prices.value.symbol}
                shown={shown.value}
                symbols={labSymbols(inputs.value)}
                onShow={(symbol) => {
                  shown.value = symbol;
                  void showPrices(httpCall(props.csrf), inputs.value).catch(() => {});
                }}
                text={text}
              />
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
