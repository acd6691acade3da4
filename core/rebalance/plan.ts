import { fillCosts, type SymbolCode } from "../krx/mod.ts";
import type { Side } from "../broker/mod.ts";
import {
  compareDrift,
  driftBasisPoints,
  goalQuantity,
  toBasisPoints,
  weightBasisPoints,
  withinBand,
} from "./basis_points.ts";
import { type BuyFees, type BuyWant, sizeBuys } from "./buys.ts";
import type { RebalanceConfig } from "./config.ts";
import { RebalanceInputError } from "./errors.ts";
import { type PlanPosition, planPositions } from "./positions.ts";
import { limitPrice } from "./prices.ts";
import type {
  PlannedOrder,
  RebalanceInput,
  RebalancePlan,
  SymbolDrift,
  SymbolStatus,
} from "./types.ts";

/**
 * A whole-share order plan that brings the account towards `config`'s target weights. Pure: the
 * holdings, prices, cash and date are all in `input`.
 *
 * - Equity is cash plus every holding at its last price; each symbol's goal is the whole number
 *   of shares nearest to its weight of that equity. A symbol held without a target (or with
 *   weight 0) is sold in full, whatever the band and the minimum trade size.
 * - A symbol within `driftBand` of its target, or whose order would be worth less than
 *   `minTradeKrw`, is left alone.
 * - Sells come first. Their net proceeds (after commission and sell tax) settle D+2, and with
 *   `useUnsettledSellProceeds` they count towards today's buys as KIS's orderable cash counts
 *   them once the sells have filled; without it, buys spend only `input.cash`.
 * - Buys spend at most that cash, commission included. When it does not cover them all, each
 *   gets its pro-rata share in whole shares, and what is left buys a share at a time for the buy
 *   furthest from its wanted value.
 * - Limit prices are the last price on the tick grid (buys rounded up, sells down) within the
 *   day's limits; a market buy holds cash at the upper limit.
 * - No traded symbol ends further from its target than it started, counting the costs: an order
 *   that would is cut by a share at a time until it does not.
 *
 * @throws {RebalanceInputError} when a symbol has no usable quote or the account no equity.
 * @throws {RangeError} when the cash or a holding's quantities are not integers.
 */
export function planRebalance(config: RebalanceConfig, input: RebalanceInput): RebalancePlan {
  if (!Number.isSafeInteger(input.cash)) {
    throw new RangeError(`cash ${input.cash} is not an integer KRW`);
  }
  const positions = planPositions(config, input);
  const equity = positions.reduce((sum, p) => sum + p.held * p.priced.price, input.cash);
  if (equity <= 0) {
    throw new RebalanceInputError(
      "no_equity",
      null,
      `equity is ${equity} KRW: nothing to rebalance`,
    );
  }
  const caps = new Map<SymbolCode, number>();
  for (;;) {
    const plan = draftPlan(config, input, positions, equity, caps);
    const worse = plan.symbols.find((s) =>
      s.status === "traded" &&
      compareDrift(
          { value: s.afterQty * s.price, equity: plan.equityAfter },
          { value: s.heldQty * s.price, equity },
          s.targetBasisPoints,
        ) > 0
    );
    if (worse === undefined) return plan;
    caps.set(worse.symbol, Math.abs(worse.afterQty - worse.heldQty) - 1);
  }
}

/** A trade a symbol would make, before the cash and the minimum trade size have their say. */
type Intent =
  | { readonly kind: "none"; readonly status: SymbolStatus }
  | { readonly kind: Side; readonly qty: number; readonly exit: boolean };

function intentOf(
  p: PlanPosition,
  equity: number,
  bandBasisPoints: number,
  cap: number | undefined,
): Intent {
  const exit = p.targetBasisPoints === 0;
  if (!exit && withinBand(p.held * p.priced.price, p.targetBasisPoints, equity, bandBasisPoints)) {
    return { kind: "none", status: "within_band" };
  }
  const goal = exit ? 0 : goalQuantity(p.targetBasisPoints, equity, p.priced.price);
  if (goal === p.held) return { kind: "none", status: "at_target" };
  if (goal < p.held && p.sellable === 0) return { kind: "none", status: "not_orderable" };
  const wanted = goal < p.held ? Math.min(p.held - goal, p.sellable) : goal - p.held;
  const qty = Math.min(wanted, cap ?? wanted);
  if (qty === 0) return { kind: "none", status: "no_improvement" };
  return { kind: goal < p.held ? "sell" : "buy", qty, exit };
}

/** The plan with each symbol's trade capped at `caps`. */
function draftPlan(
  config: RebalanceConfig,
  input: RebalanceInput,
  positions: readonly PlanPosition[],
  equity: number,
  caps: ReadonlyMap<SymbolCode, number>,
): RebalancePlan {
  const status = new Map<SymbolCode, SymbolStatus>();
  const sells: PlannedOrder[] = [];
  const wants: { position: PlanPosition; want: BuyWant }[] = [];
  const bandBasisPoints = toBasisPoints(config.driftBand / 100) ?? 0;
  for (const p of positions) {
    const intent = intentOf(p, equity, bandBasisPoints, caps.get(p.symbol));
    if (intent.kind === "none") {
      status.set(p.symbol, intent.status);
      continue;
    }
    const price = orderPrice(config, intent.kind, p);
    if (!intent.exit && intent.qty * price < config.minTradeKrw) {
      status.set(p.symbol, "below_minimum");
    } else if (intent.kind === "sell") {
      sells.push(order(config, input, p, "sell", intent.qty));
    } else {
      const reservePrice = config.orderType === "market" ? p.priced.upper : price;
      wants.push({ position: p, want: { symbol: p.symbol, wanted: intent.qty, reservePrice } });
    }
  }
  const proceeds = sells.reduce((sum, o) => sum + o.value - o.fee - o.tax, 0);
  const buyingPower = input.cash + (config.useUnsettledSellProceeds ? proceeds : 0);
  const buys = sizeWithinMinimum(config, wants, buyingPower, buyFees(config, input), status)
    .map(({ position, qty }) => order(config, input, position, "buy", qty));
  const orders = [...sells, ...buys];
  const spent = buys.reduce((sum, o) => sum + o.value + o.fee, 0);
  const cashAfter = input.cash + proceeds - spent;
  const traded = new Map(orders.map((o) => [o.symbol, o]));
  const afterQty = (p: PlanPosition) => {
    const o = traded.get(p.symbol);
    return o === undefined ? p.held : o.side === "buy" ? p.held + o.qty : p.held - o.qty;
  };
  const equityAfter = positions.reduce((sum, p) => sum + afterQty(p) * p.priced.price, cashAfter);
  const symbols = positions.map((p): SymbolDrift => {
    const price = p.priced.price;
    const target = p.targetBasisPoints;
    const after = afterQty(p);
    return {
      symbol: p.symbol,
      price,
      targetBasisPoints: target,
      heldQty: p.held,
      currentBasisPoints: weightBasisPoints(p.held * price, equity),
      driftBasisPoints: driftBasisPoints(p.held * price, target, equity),
      status: traded.has(p.symbol) ? "traded" : status.get(p.symbol) ?? "at_target",
      afterQty: after,
      afterBasisPoints: weightBasisPoints(after * price, equityAfter),
      afterDriftBasisPoints: driftBasisPoints(after * price, target, equityAfter),
    };
  });
  return {
    date: input.date,
    equity,
    cash: input.cash,
    buyingPower,
    orders,
    symbols,
    cashAfter,
    equityAfter,
  };
}

/**
 * Sizes the buys within `buyingPower`; a buy scaled below the minimum trade size is dropped and
 * the rest sized again without it, so its cash goes to the others.
 */
function sizeWithinMinimum(
  config: RebalanceConfig,
  wants: readonly { position: PlanPosition; want: BuyWant }[],
  buyingPower: number,
  fees: BuyFees,
  status: Map<SymbolCode, SymbolStatus>,
): { position: PlanPosition; qty: number }[] {
  let left = [...wants];
  for (;;) {
    const sized = sizeBuys(left.map((w) => w.want), buyingPower, fees)
      .map((qty, i) => ({ position: (left[i] as (typeof left)[number]).position, qty }));
    const small = sized.find(({ position, qty }) =>
      qty > 0 && qty * orderPrice(config, "buy", position) < config.minTradeKrw
    );
    if (small === undefined) {
      for (const { position, qty } of sized) if (qty === 0) status.set(position.symbol, "no_cash");
      return sized.filter(({ qty }) => qty > 0);
    }
    status.set(small.position.symbol, "below_minimum");
    left = left.filter((w) => w.position !== small.position);
  }
}

/** The price an order is estimated at: its limit price, or the last price for a market order. */
function orderPrice(config: RebalanceConfig, side: Side, p: PlanPosition): number {
  return config.orderType === "limit" ? limitPrice(side, p.priced, p.context) : p.priced.price;
}

function order(
  config: RebalanceConfig,
  input: RebalanceInput,
  p: PlanPosition,
  side: Side,
  qty: number,
): PlannedOrder {
  const price = orderPrice(config, side, p);
  const { fee, tax } = fillCosts({ side, price, qty, date: input.date, ...p.context }, {
    feeRate: config.feeRate,
  });
  const estimate = { side, symbol: p.symbol, qty, value: price * qty, fee, tax };
  return config.orderType === "limit"
    ? { ...estimate, type: "limit", price }
    : { ...estimate, type: "market", lastPrice: price, reservePrice: p.priced.upper };
}

function buyFees(config: RebalanceConfig, input: RebalanceInput): BuyFees {
  return {
    feeRate: config.feeRate,
    // A buy's commission does not depend on the market or instrument, only on its value.
    fee: (value) =>
      fillCosts({ side: "buy", price: value, qty: 1, date: input.date, market: "KOSPI" }, {
        feeRate: config.feeRate,
      }).fee,
  };
}
