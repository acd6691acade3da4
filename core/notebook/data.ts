/**
 * Bars for notebooks: the KIS simulator's seeded daily history (the market `deno task start`
 * trades in its demo), generated in-process without starting a server; a user's CSV file or
 * folder read as `deno task backtest --csv` reads it; or daily bars from their KIS account.
 * @module
 */
import { z } from "zod";
import type { Broker } from "../broker/mod.ts";
import { readBars, type SymbolBars } from "../data/mod.ts";
import {
  epochDayToIsoDate,
  type IsoDate,
  isoDateToEpochDay,
  kstInstant,
  parseIsoDate,
  parseSymbolCode,
} from "../krx/mod.ts";
import { SimMarket } from "../kis-sim/market.ts";
import { DEFAULT_SYMBOLS } from "../kis-sim/symbols.ts";
import { createBars } from "../strategies/mod.ts";
import { parseInput } from "./input.ts";

/** The simulator's seed, history length and last date notebooks use unless told otherwise. */
export const SEEDED_DEFAULTS = { seed: 1, days: 500, end: "2026-11-27" } as const;

const KNOWN_CODES = DEFAULT_SYMBOLS.map((s) => s.code as string);

const seededSchema = z.strictObject({
  symbols: z.array(
    z.string().refine((code) => KNOWN_CODES.includes(code), {
      error: (issue) =>
        `unknown simulator symbol ${JSON.stringify(issue.input)} (known: ${
          KNOWN_CODES.join(", ")
        })`,
    }),
  ).min(1).max(KNOWN_CODES.length),
  seed: z.int().default(SEEDED_DEFAULTS.seed),
  days: z.int().min(2).max(5_000).default(SEEDED_DEFAULTS.days),
  end: z.string().default(SEEDED_DEFAULTS.end).transform((text, ctx) => {
    try {
      return parseIsoDate(text);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: (error as Error).message });
      return z.NEVER;
    }
  }),
});

/** Which seeded history to generate: simulator symbol codes, and optionally seed, days and end. */
export type SeededBarsInput = z.input<typeof seededSchema>;

/**
 * The simulator's daily history of `symbols`: the `days` trading days up to `end` of the market
 * seeded with `seed`, bar for bar what a simulator started the next day with that seed serves.
 * @example
 * const [samsung] = seededBars({ symbols: ["005930"] });
 */
export function seededBars(input: SeededBarsInput): SymbolBars[] {
  const { symbols, seed, days, end } = parseInput(seededSchema, input, "seeded bars");
  const market = new SimMarket({
    seed,
    start: kstInstant(epochDayToIsoDate(isoDateToEpochDay(end) + 1), 0),
    symbols: DEFAULT_SYMBOLS.filter((s) => symbols.includes(s.code)),
    historyDays: days,
  });
  return symbols.map((symbol) => {
    const daily = market.dailyBars(symbol);
    return {
      symbol,
      bars: createBars({
        dates: daily.map((b) => b.date),
        open: daily.map((b) => b.open),
        high: daily.map((b) => b.high),
        low: daily.map((b) => b.low),
        close: daily.map((b) => b.close),
        volume: daily.map((b) => b.volume),
      }),
    };
  });
}

/**
 * The daily bars of `symbols` from `from` to `to` as `broker` serves them — a `KisBroker` on the
 * user's account (see core/runtime `startServices`), or on the simulator — oldest first.
 * @example
 * const series = await brokerBars(services.broker, ["005930"], { from, to });
 */
export async function brokerBars(
  broker: Pick<Broker, "getDailyBars">,
  symbols: readonly string[],
  range: { readonly from: IsoDate; readonly to: IsoDate },
): Promise<SymbolBars[]> {
  const out: SymbolBars[] = [];
  for (const symbol of symbols) {
    const daily = await broker.getDailyBars(parseSymbolCode(symbol), range);
    out.push({
      symbol,
      bars: createBars({
        dates: daily.map((b) => b.date),
        open: daily.map((b) => b.open),
        high: daily.map((b) => b.high),
        low: daily.map((b) => b.low),
        close: daily.map((b) => b.close),
        volume: daily.map((b) => b.volume),
      }),
    });
  }
  return out;
}

/**
 * Bars from a CSV file (one symbol, named after the file) or a folder of `<code>.csv` files when
 * `csv` is a path; else from `broker` (the user's KIS account) over the `days` calendar days up to
 * `end` when one is given; else the seeded history of `symbols`.
 * @example
 * const series = await loadBars({ csv: Deno.env.get("YEOUIDO_BARS_CSV"), symbols: ["005930"] });
 */
export async function loadBars(
  { csv, broker, ...seeded }: SeededBarsInput & {
    csv?: string | null;
    broker?: Pick<Broker, "getDailyBars">;
  },
): Promise<SymbolBars[]> {
  if (csv !== undefined && csv !== null && csv.trim() !== "") {
    return [...(await readBars(csv)).series];
  }
  if (broker === undefined) return seededBars(seeded);
  const { symbols, days, end } = parseInput(
    seededSchema.omit({ symbols: true }).extend({ symbols: z.array(z.string()).min(1) }),
    seeded,
    "account bars",
  );
  const from = epochDayToIsoDate(isoDateToEpochDay(end) - days + 1);
  return brokerBars(broker, symbols, { from, to: end });
}
