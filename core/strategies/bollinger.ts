import { z } from "zod";
import { defineStrategy, type Strategy } from "./strategy.ts";

/** Parameters of the Bollinger rule: band period, width in σ, and which band ends a trade. */
export const bollingerParams = z.strictObject({
  period: z.int().min(2).max(250).default(20).describe("Band period in bars"),
  k: z.number().min(0.1).max(10).default(2).describe(
    "Band width in population standard deviations",
  ),
  exit: z.enum(["middle", "upper"]).default("middle").describe(
    "Band the close must rise above to exit",
  ),
});

/** Validated {@link bollingerParams}. */
export type BollingerParams = z.infer<typeof bollingerParams>;

/** While flat, enter when close < lower band; while long, exit when close > middle (or upper) band. */
export const bollingerStrategy: Strategy<BollingerParams> = defineStrategy({
  id: "bollinger",
  name: { ko: "볼린저 밴드", en: "Bollinger bands" },
  description: {
    ko:
      "종가가 하단 밴드 아래로 내려가면 매수하고, 중심선(또는 상단 밴드) 위로 올라가면 매도합니다.",
    en:
      "Buys when the close drops below the lower band and sells when it rises above the middle (or upper) band.",
  },
  params: bollingerParams,
  fill(bars, params, target, cache) {
    const bands = cache.bollinger(bars, params.period, params.k);
    const exitBand = params.exit === "upper" ? bands.upper : bands.middle;
    return bandTargets(bars.close, bands.lower, exitBand, target);
  },
});

function bandTargets(
  close: Float64Array,
  lower: Float64Array,
  exitBand: Float64Array,
  out: Uint8Array,
): Uint8Array {
  let position = 0;
  for (let t = 0; t < out.length; t++) {
    const c = close[t] as number;
    const enter = +(c < (lower[t] as number));
    const exit = +(c > (exitBand[t] as number));
    position = position === 0 ? enter : exit ^ 1;
    out[t] = position;
  }
  return out;
}
