import { BENCHMARK_COLOR, STRATEGY_COLOR } from "@/core/web/chart_colors.ts";
import { formatKrw } from "@/core/web/format.ts";
import type { Messages } from "@/core/web/i18n/mod.ts";
import type { EquityHistory } from "@/core/report/mod.ts";
import EquityCurve from "../../islands/EquityCurve.tsx";
import { SignedKrw } from "./Money.tsx";
import { Notice } from "./Notice.tsx";

/** `value` as an index with three decimals, or `–`. */
function indexText(value: number | null | undefined): string {
  return value === null || value === undefined ? "–" : value.toFixed(3);
}

/**
 * The equity card of `/`: day and cumulative PnL (after fees and tax) of the latest report, or of
 * today's live point, and the account's curve against the benchmark, both from 1.0 (SVG from the
 * server, chart.js once the island runs), with the numbers as a table; a plain sentence while there
 * is no report yet.
 */
export function EquityCard(
  { history, t }: { readonly history: EquityHistory; readonly t: Messages },
) {
  const e = t.equity;
  const reported = history.points.some((point) => point.source === "report");
  const latest = history.points.at(-1);
  if (!reported || latest === undefined) {
    return (
      <article class="card" data-testid="equity-card">
        <h2>{e.title}</h2>
        <Notice kind="empty">{e.noReports}</Notice>
      </article>
    );
  }
  const benchmark = history.benchmark;
  const dates = [
    ...new Set([
      ...history.points.map((point) => point.date),
      ...(benchmark?.points ?? []).map((point) => point.date),
    ]),
  ].filter((date) => history.baseDate === null || date >= history.baseDate).sort();
  const equityBy = new Map<string, number | null>(
    history.points.map((point) => [point.date, point.normalised]),
  );
  const benchmarkBy = new Map((benchmark?.points ?? []).map((point) => [point.date, point]));
  const equityLine = dates.map((date) => equityBy.get(date) ?? null);
  const benchmarkLine = dates.map((date) => benchmarkBy.get(date)?.normalised ?? null);
  const lastOf = (line: readonly (number | null)[]) => line.findLast((v) => v !== null);
  const label = e.chart(
    dates[0] ?? latest.date,
    dates.at(-1) ?? latest.date,
    indexText(lastOf(equityLine)),
    benchmark === null ? "–" : indexText(lastOf(benchmarkLine)),
  );
  return (
    <article class="card" data-testid="equity-card">
      <h2>{e.title}</h2>
      <dl class="stats">
        <div class="stat">
          <dt>{e.dayPnl}</dt>
          <dd data-testid="equity-day-pnl">
            <SignedKrw value={latest.dayPnl} />
          </dd>
        </div>
        <div class="stat">
          <dt>{e.cumulativePnl}</dt>
          <dd data-testid="equity-cumulative-pnl">
            <SignedKrw value={latest.cumulativePnl} />
          </dd>
        </div>
      </dl>
      <p class="muted small">
        {latest.source === "report" ? e.asOfReport(latest.date) : e.asOfLive(latest.date)}
      </p>
      <EquityCurve
        dates={dates}
        lines={[
          { label: e.account, values: equityLine, color: STRATEGY_COLOR },
          ...(benchmark === null ? [] : [{
            label: e.benchmark(benchmark.name),
            values: benchmarkLine,
            color: BENCHMARK_COLOR,
          }]),
        ]}
        description={label}
      />
      <ul class="equity-legend small">
        <li>
          <span class="swatch" style={{ background: STRATEGY_COLOR }} aria-hidden="true" />
          {e.account} {indexText(lastOf(equityLine))}
        </li>
        {benchmark !== null && (
          <li>
            <span class="swatch" style={{ background: BENCHMARK_COLOR }} aria-hidden="true" />
            {e.benchmark(benchmark.name)} {indexText(lastOf(benchmarkLine))}
          </li>
        )}
      </ul>
      {history.benchmarkReason !== null && (
        <p class="muted small" data-testid="equity-no-benchmark">
          {e.noBenchmark(history.benchmarkReason)}
        </p>
      )}
      <details class="equity-data">
        <summary>{e.table}</summary>
        <div class="table-scroll">
          <table class="data" data-testid="equity-table">
            <caption class="sr-only">{e.title}</caption>
            <thead>
              <tr>
                <th scope="col">{e.columns.date}</th>
                <th scope="col" class="num">{e.columns.equity}</th>
                <th scope="col" class="num">{e.dayPnl}</th>
                <th scope="col" class="num">{e.columns.index}</th>
                {benchmark !== null && (
                  <th scope="col" class="num">{e.benchmark(benchmark.name)}</th>
                )}
              </tr>
            </thead>
            <tbody>
              {history.points.map((point) => (
                <tr key={point.date}>
                  <th scope="row">{point.date}</th>
                  <td class="num">{formatKrw(point.equity)}</td>
                  <td class="num">
                    <SignedKrw value={point.dayPnl} />
                  </td>
                  <td class="num">{indexText(point.normalised)}</td>
                  {benchmark !== null && (
                    <td class="num">{indexText(benchmarkBy.get(point.date)?.normalised)}</td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </article>
  );
}
