/**
 * The trading series and the observer that feeds them: an object with the shape of
 * `TradingObserver` (core/trading/observer.ts), handed to `OrderJournal` as `observer`. Labels are
 * the side, the origin (strategy, alert, rebalance, manual: read from the idempotency key), and
 * for refusals the source (risk or broker) with the risk check's code or the broker error's
 * category: bounded sets, never a symbol or an account.
 * @module
 */
import { Counter, Gauge, Histogram, type Registry } from "prom-client";
import type { Balance } from "../broker/mod.ts";
import type { JournalOrder } from "../trading/order_state.ts";
import { orderOrigin } from "../trading/origin.ts";

/** Seconds: an intent's ack takes 50 ms to a few s; a limit order may wait hours for its fill. */
const ACK_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const FILL_BUCKETS = [1, 5, 15, 60, 300, 900, 1800, 3600, 7200, 23400];
/** Basis points against the signal price; positive is worse (paid more, or sold for less). */
const SLIPPAGE_BUCKETS = [-100, -50, -20, -10, -5, -1, 0, 1, 5, 10, 20, 50, 100, 200, 500];
/** Share of an ended order's quantity that filled. */
const FILL_RATIO_BUCKETS = [0, 0.25, 0.5, 0.75, 0.99, 1];

/**
 * How much worse than `signalPrice` an average fill price `fillPrice` was, in basis points:
 * positive when a buy paid more or a sell got less, negative when the market gave better.
 *
 * @example slippageBps("buy", 10_000, 10_050) // 50
 */
export function slippageBps(side: string, signalPrice: number, fillPrice: number): number {
  const worse = side === "buy" ? fillPrice - signalPrice : signalPrice - fillPrice;
  return (worse / signalPrice) * 10_000;
}

/** The trading observer's methods; structurally a `TradingObserver`. */
export interface TradingMetricsRecorder {
  riskRejected(side: string, code: string, origin: string): void;
  orderChanged(before: JournalOrder, after: JournalOrder): void;
  killSwitch(on: boolean): void;
  balanceRead(balance: Balance): void;
  /**
   * Reads the kill switch at every scrape through `read` (e.g. from the store), so the gauge
   * follows a change made while no order is placed; a failed read keeps the last value.
   */
  killSwitchFrom(read: () => Promise<boolean>): void;
}

const UNSENT = new Set(["intent", "unknown"]);
const FILLED = new Set(["partially_filled", "filled"]);

/** The category a broker refusal's reason starts with (`failureChange`), or `other`. */
export function brokerRefusalCategory(reason: string): string {
  return /^([a-z_]+): /.exec(reason)?.[1] ?? "other";
}

/** Registers the `trading_*` series on `registry` and returns their observer. */
export function registerTradingMetrics(registry: Registry): TradingMetricsRecorder {
  const registers = [registry];
  const counter = (name: string, help: string, labelNames: string[]) =>
    new Counter({ name, help, labelNames, registers });
  const gauge = (name: string, help: string) => new Gauge({ name, help, registers });
  const placed = counter(
    "trading_orders_placed_total",
    "Orders KIS accepted (acknowledged or found by reconciliation), by side and origin.",
    ["side", "origin"],
  );
  const filled = counter(
    "trading_orders_filled_total",
    "Orders filled completely, by side and origin.",
    ["side", "origin"],
  );
  const cancelled = counter(
    "trading_orders_cancelled_total",
    "Orders that ended cancelled (whole or the rest after part fills), by side and origin.",
    ["side", "origin"],
  );
  const rejected = counter(
    "trading_orders_rejected_total",
    "Orders refused: source risk (reason = the check's code) or broker (reason = error category).",
    ["side", "origin", "source", "reason"],
  );
  const notSent = counter(
    "trading_orders_not_sent_total",
    "Intents reconciliation resolved as never reaching KIS, by side.",
    ["side"],
  );
  const ack = new Histogram({
    name: "trading_order_ack_seconds",
    help: "From the written intent to KIS's acknowledgement, by side.",
    labelNames: ["side"],
    buckets: ACK_BUCKETS,
    registers,
  });
  const fill = new Histogram({
    name: "trading_order_fill_seconds",
    help: "From KIS's acknowledgement until the journal saw the first fill, by side.",
    labelNames: ["side"],
    buckets: FILL_BUCKETS,
    registers,
  });
  const slippage = new Histogram({
    name: "trading_slippage_bps",
    help: "Average fill price of an ended order against its signal price, bps; positive is worse.",
    labelNames: ["side", "origin"],
    buckets: SLIPPAGE_BUCKETS,
    registers,
  });
  const fillRatio = new Histogram({
    name: "trading_order_fill_ratio",
    help: "Share of an ended order's quantity that filled (1 filled, less when cancelled).",
    labelNames: ["side"],
    buckets: FILL_RATIO_BUCKETS,
    registers,
  });
  let readKillSwitch: (() => Promise<boolean>) | undefined;
  const killSwitch = new Gauge({
    name: "trading_kill_switch_on",
    help: "1 while the kill switch stops new orders.",
    registers,
    async collect() {
      if (readKillSwitch === undefined) return;
      // a failed read must not fail the scrape: the gauge keeps its last value
      const on = await readKillSwitch().catch(() => undefined);
      if (on !== undefined) this.set(on ? 1 : 0);
    },
  });
  const equity = gauge("trading_account_equity_krw", "Total account value at the last read, KRW.");
  const cash = gauge("trading_account_cash_krw", "Cash deposit at the last balance read, KRW.");
  const exposure = gauge(
    "trading_account_exposure_krw",
    "Value of the securities held at the last balance read, KRW.",
  );
  const positions = gauge("trading_positions", "Symbols held at the last balance read.");
  const unrealised = gauge(
    "trading_unrealised_pnl_krw",
    "Unrealised PnL of the holdings at the last balance read, KRW (value minus purchase amount).",
  );
  const realised = gauge(
    "trading_realised_pnl_krw",
    "Realised PnL of the sells this process saw fill since it started, KRW, before fees and tax.",
  );
  realised.set(0);
  // average purchase price per symbol at the last read that held it: a sell's fill is measured
  // against it, also when the read after the sale no longer lists the symbol
  const averageCosts = new Map<string, number>();
  let realisedKrw = 0;
  const realise = (before: JournalOrder, after: JournalOrder) => {
    if (after.request.side !== "sell" || !("filledQuantity" in after)) return;
    const earlier = "filledQuantity" in before ? before : { filledQuantity: 0, filledAmount: 0 };
    const quantity = after.filledQuantity - earlier.filledQuantity;
    const cost = averageCosts.get(after.request.symbol);
    if (quantity <= 0 || cost === undefined) return;
    realisedKrw += Math.round(after.filledAmount - earlier.filledAmount - cost * quantity);
    realised.set(realisedKrw);
  };
  const ended = (order: JournalOrder, origin: string) => {
    if (!("filledQuantity" in order)) return;
    const side = order.request.side;
    fillRatio.observe({ side }, order.filledQuantity / order.request.quantity);
    if (order.filledQuantity > 0 && order.signalPrice !== undefined) {
      const average = order.filledAmount / order.filledQuantity;
      slippage.observe({ side, origin }, slippageBps(side, order.signalPrice, average));
    }
  };

  return {
    riskRejected: (side, code, origin) =>
      rejected.inc({ side, origin, source: "risk", reason: code }),
    orderChanged(before, after) {
      const side = after.request.side;
      const origin = orderOrigin(after.idempotencyKey);
      realise(before, after);
      if (UNSENT.has(before.status) && "ref" in after) {
        placed.inc({ side, origin });
        if (after.status === "submitted") {
          ack.observe({ side }, (after.updatedAt - after.createdAt) / 1000);
        }
      }
      if (before.status === "submitted" && FILLED.has(after.status)) {
        fill.observe({ side }, (after.updatedAt - before.updatedAt) / 1000);
      }
      if (after.status === before.status) return;
      if (after.status === "filled") filled.inc({ side, origin });
      else if (after.status === "cancelled") cancelled.inc({ side, origin });
      else if (after.status === "not_sent") notSent.inc({ side });
      else if (after.status === "rejected") {
        const reason = brokerRefusalCategory(after.reason);
        rejected.inc({ side, origin, source: "broker", reason });
      }
      if (after.status === "filled" || after.status === "cancelled") ended(after, origin);
    },
    killSwitch: (on) => killSwitch.set(on ? 1 : 0),
    killSwitchFrom: (read) => readKillSwitch = read,
    balanceRead({ summary, holdings }) {
      equity.set(summary.totalValue);
      cash.set(summary.deposit);
      exposure.set(summary.securitiesValue);
      const held = holdings.filter((holding) => holding.quantity > 0);
      positions.set(held.length);
      unrealised.set(summary.profitLoss);
      for (const holding of held) averageCosts.set(holding.symbol, holding.averagePrice);
    },
  };
}
