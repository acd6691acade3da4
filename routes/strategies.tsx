import type { StrategyConfig } from "@/core/trading/mod.ts";
import { formatKrw, formatKst, formatPercent } from "@/core/web/format.ts";
import type { Messages } from "@/core/web/i18n/mod.ts";
import { loadStrategies } from "@/core/web/views/mod.ts";
import { define } from "../utils.ts";
import { Notice } from "./(_components)/Notice.tsx";
import { pageServices } from "./(_components)/services.ts";
import { textOf } from "./(_components)/text.ts";

export const handler = define.handlers({
  GET: async () => {
    const running = pageServices();
    return { data: { rows: running ? await loadStrategies(running.services.store) : null } };
  },
});

/** How a config sizes its buys, in words. */
function sizingText(sizing: StrategyConfig["sizing"], t: Messages): string {
  switch (sizing.kind) {
    case "all-in":
      return t.strategies.allIn;
    case "fixed":
      return t.strategies.amount(formatKrw(sizing.amount));
    case "equity-fraction":
      return t.strategies.equityFraction(formatPercent(Math.round(sizing.fraction * 10_000)));
  }
}

export default define.page<typeof handler>(function Strategies({ data, req }) {
  const { t } = textOf(req);
  const s = t.strategies;
  const c = t.columns;
  const { rows } = data;
  return (
    <section class="page">
      <div class="page-head">
        <h1>{s.title}</h1>
        <a href="/strategies/compare" data-testid="compare-link">{t.compare.link}</a>
      </div>
      {rows === null && <Notice kind="error">{t.common.noServices}</Notice>}
      {rows?.length === 0 && <Notice kind="empty">{s.empty}</Notice>}
      {rows?.map(({ config, signals }) => (
        <article class="card strategy" data-testid="strategy-card">
          <h2>
            <span class="code">{config.id}</span> · {config.strategy}
          </h2>
          <dl class="facts">
            <dt>{c.enabled}</dt>
            <dd>
              <span class={`status ${config.enabled ? "enabled" : "disabled"}`}>
                {config.enabled ? t.common.yes : t.common.no}
              </span>
            </dd>
            <dt>{c.parameters}</dt>
            <dd class="code">
              {Object.entries(config.params).map(([k, v]) =>
                `${k}=${String(v)}`
              ).join(", ") ||
                t.common.none}
            </dd>
            <dt>{c.symbols}</dt>
            <dd>{config.symbols.join(", ")}</dd>
            <dt>{c.sizing}</dt>
            <dd>{sizingText(config.sizing, t)} · {t.orderType[config.orderType]}</dd>
            <dt>{c.schedule}</dt>
            <dd>{config.schedule.times.join(", ")} KST</dd>
          </dl>
          <h3>{s.recentSignals}</h3>
          {signals.length === 0
            ? <Notice kind="empty">{s.noSignals}</Notice>
            : (
              <div class="table-scroll" tabIndex={0} role="region" aria-label={s.recentSignals}>
                <table class="data">
                  <thead>
                    <tr>
                      <th scope="col">{c.day}</th>
                      <th scope="col">{c.symbol}</th>
                      <th scope="col" class="num">{c.price}</th>
                      <th scope="col">{c.signal}</th>
                      <th scope="col">{c.outcome}</th>
                      <th scope="col">{c.time}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {signals.map((signal) => (
                      <tr>
                        <td class="nowrap">{signal.tradingDay}</td>
                        <td>{signal.symbol}</td>
                        <td class="num">
                          {signal.close === null ? t.common.notAvailable : formatKrw(signal.close)}
                        </td>
                        <td
                          class={signal.action === "buy"
                            ? "up"
                            : signal.action === "sell"
                            ? "down"
                            : undefined}
                        >
                          {s.signalAction[signal.action]}
                        </td>
                        <td>{s.outcome[signal.outcome.kind]}</td>
                        <td class="nowrap">{formatKst(signal.at)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
        </article>
      ))}
    </section>
  );
});
