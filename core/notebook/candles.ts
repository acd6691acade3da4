/**
 * Candlestick charts as inline SVG with trade markers: red candles close above their open, blue
 * below; ▲ marks an entry under its bar, ▼ an exit over its bar.
 * @module
 */
import type { Trade } from "../backtest/mod.ts";
import { type Output, svgOutput } from "./display.ts";
import { DOWN_COLOR, FLAT_COLOR, formatKrw, UP_COLOR } from "./format.ts";
import {
  categoryAxis,
  chartBox,
  extent,
  linearScale,
  niceTicks,
  px,
  svgDocument,
  valueAxis,
} from "./svg.ts";

/** The bar columns a candle chart reads. */
export interface CandleBars {
  readonly dates: readonly string[];
  readonly open: ArrayLike<number>;
  readonly high: ArrayLike<number>;
  readonly low: ArrayLike<number>;
  readonly close: ArrayLike<number>;
}

/** What {@link candles} draws. */
export interface CandlesInput {
  readonly bars: CandleBars;
  /** Round trips whose entry and exit dates are marked (other symbols' trades are ignored). */
  readonly trades?: readonly Pick<Trade, "symbol" | "entryDate" | "exitDate">[];
  /** Only trades of this symbol are marked, when given. */
  readonly symbol?: string;
  /** Show only the last this many bars (default 120). */
  readonly last?: number;
  readonly title?: string;
  readonly width?: number;
  readonly height?: number;
}

/**
 * Daily candles with buy and sell markers, prices on a won axis.
 * @example
 * candles({ bars, trades: report.trades, symbol: "005930", last: 90 })
 */
export function candles(input: CandlesInput): Output {
  const box = chartBox({ height: 320, ...input });
  const all = input.bars;
  const from = Math.max(0, all.dates.length - (input.last ?? 120));
  const dates = all.dates.slice(from);
  const at = (column: ArrayLike<number>, i: number) => column[from + i] as number;
  const title = input.title ?? "";
  const range = extent(dates.flatMap((_, i) => [at(all.low, i), at(all.high, i)])) ?? [0, 1];
  const pad = (range[1] - range[0]) * 0.06;
  const ticks = niceTicks(range[0] - pad, range[1] + pad);
  const y = linearScale(
    [ticks[0] ?? range[0], ticks[ticks.length - 1] ?? range[1]],
    [box.height - box.bottom, box.top],
  );
  const slot = (box.width - box.left - box.right) / Math.max(dates.length, 1);
  const x = (i: number) => box.left + slot * (i + 0.5);
  const bodies = dates.map((_, i) => {
    const open = at(all.open, i);
    const close = at(all.close, i);
    const color = close > open ? UP_COLOR : close < open ? DOWN_COLOR : FLAT_COLOR;
    const top = y(Math.max(open, close));
    const height = Math.max(Math.abs(y(open) - y(close)), 1);
    return `<line x1="${px(x(i))}" x2="${px(x(i))}" y1="${px(y(at(all.high, i)))}"` +
      ` y2="${px(y(at(all.low, i)))}" stroke="${color}"/>` +
      `<rect x="${px(x(i) - slot * 0.35)}" y="${px(top)}" width="${px(Math.max(slot * 0.7, 1))}"` +
      ` height="${px(height)}" fill="${color}"/>`;
  }).join("");
  const index = new Map(dates.map((date, i) => [date, i]));
  const trades = (input.trades ?? []).filter((t) =>
    input.symbol === undefined || t.symbol === input.symbol
  );
  const markers: string[] = [];
  let shown = 0;
  for (const trade of trades) {
    const entry = index.get(trade.entryDate);
    if (entry !== undefined) {
      const top = y(at(all.low, entry)) + 4;
      markers.push(
        `<path d="M${px(x(entry))} ${
          px(top)
        }l5 9h-10z" fill="#e65100"><title>매수 ${trade.entryDate}</title></path>`,
      );
      shown++;
    }
    const exit = trade.exitDate === null ? undefined : index.get(trade.exitDate);
    if (exit !== undefined) {
      const bottom = y(at(all.high, exit)) - 4;
      markers.push(
        `<path d="M${px(x(exit))} ${
          px(bottom)
        }l5 -9h-10z" fill="#263238"><title>매도 ${trade.exitDate}</title></path>`,
      );
      shown++;
    }
  }
  const svg = svgDocument(
    box,
    title || "candles",
    valueAxis(box, y, ticks, "krw", title) + categoryAxis(box, dates, x) + bodies +
      markers.join(""),
  );
  const last = dates.length - 1;
  const plain = `${title} ${dates[0] ?? ""} – ${dates[last] ?? ""}: ${dates.length} bars, ` +
    `last close ${last < 0 ? "–" : formatKrw(at(all.close, last))}, ${shown} trade markers`;
  return svgOutput(svg, plain);
}
