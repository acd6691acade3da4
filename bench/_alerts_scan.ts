/**
 * The peer one would write by hand for this benchmark: each symbol's alerts in flat typed arrays
 * (fixed level or trail, direction, high), scanned in full on every tick of the symbol, a fired
 * alert swapped out. Same firing rule as the index (levels from `core/alerts/levels.ts`); it
 * reports the fired alerts unordered, without building triggers, so it does strictly less.
 * @module
 */
import type { Alert } from "../core/alerts/mod.ts";
import { basisPoints, trailingLevelPercent } from "../core/alerts/levels.ts";
import type { SymbolCode } from "../core/krx/mod.ts";

const NONE: readonly Alert[] = [];

class ScanBook {
  size = 0;
  level: Float64Array;
  up: Uint8Array;
  trailBps: Int32Array;
  trailKrw: Float64Array;
  high: Float64Array;
  alerts: Alert[] = [];

  constructor(capacity: number) {
    this.level = new Float64Array(capacity);
    this.up = new Uint8Array(capacity);
    this.trailBps = new Int32Array(capacity);
    this.trailKrw = new Float64Array(capacity);
    this.high = new Float64Array(capacity);
  }

  add(alert: Alert): void {
    const i = this.size++;
    const rule = alert.rule;
    this.alerts[i] = alert;
    this.level[i] = rule.kind === "stop_loss" || rule.kind === "take_profit"
      ? rule.triggerPrice
      : rule.kind === "trailing_stop"
      ? 0
      : rule.price;
    this.up[i] = rule.kind === "take_profit" || rule.kind === "price_above" ? 1 : 0;
    if (rule.kind === "trailing_stop") {
      this.trailBps[i] = rule.trail.unit === "percent" ? basisPoints(rule.trail.percent) : 0;
      this.trailKrw[i] = rule.trail.unit === "krw" ? rule.trail.amount : 0;
      this.high[i] = rule.highWaterMark ?? 0;
    }
  }

  onTick(price: number): readonly Alert[] {
    let fired: Alert[] | null = null;
    const { level, up, trailBps, trailKrw, high } = this;
    for (let i = 0; i < this.size;) {
      let at = level[i]!;
      const bps = trailBps[i]!;
      const krw = trailKrw[i]!;
      if (bps !== 0 || krw !== 0) {
        if (price > high[i]!) high[i] = price;
        at = bps !== 0 ? trailingLevelPercent(high[i]!, bps) : high[i]! - krw;
      }
      if (up[i] === 1 ? price >= at : price <= at) {
        (fired ??= []).push(this.alerts[i]!);
        this.#swapOut(i);
      } else {
        i++;
      }
    }
    return fired ?? NONE;
  }

  #swapOut(i: number): void {
    const last = --this.size;
    this.alerts[i] = this.alerts[last]!;
    this.level[i] = this.level[last]!;
    this.up[i] = this.up[last]!;
    this.trailBps[i] = this.trailBps[last]!;
    this.trailKrw[i] = this.trailKrw[last]!;
    this.high[i] = this.high[last]!;
    this.alerts.length = last;
  }
}

/** A full scan of the symbol's alerts on every tick, over typed arrays. */
export class TypedArrayScan {
  readonly #books = new Map<string, ScanBook>();
  readonly #capacity: number;

  /** `capacity`: the most alerts any one symbol will hold. */
  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  /** Adds an active alert. */
  add(alert: Alert): void {
    let book = this.#books.get(alert.symbol);
    if (book === undefined) {
      book = new ScanBook(this.#capacity);
      this.#books.set(alert.symbol, book);
    }
    book.add(alert);
  }

  /** The alerts `price` fires on `symbol`, removed. */
  onTick(symbol: SymbolCode, price: number, _at: number): readonly Alert[] {
    return this.#books.get(symbol)?.onTick(price) ?? NONE;
  }
}
