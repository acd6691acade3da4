import { z } from "zod";
import { defineStrategy, type Strategy } from "./strategy.ts";

/** Parameters of the RSI rule: Wilder period and the oversold/overbought levels, `lower < upper`. */
export const rsiParams = z.strictObject({
  period: z.int().min(2).max(250).default(14).describe("RSI period in bars (Wilder smoothing)"),
  lower: z.number().min(0).max(100).default(30).describe("Enter while flat when RSI is below this"),
  upper: z.number().min(0).max(100).default(70).describe("Exit while long when RSI is above this"),
}).refine((p) => p.lower < p.upper, {
  message: 'parameter "lower" must be less than "upper"',
  path: ["lower"],
});

/** Validated {@link rsiParams}. */
export type RsiParams = z.infer<typeof rsiParams>;

/** While flat, enter when RSI < lower; while long, exit when RSI > upper. */
export const rsiStrategy: Strategy<RsiParams> = defineStrategy({
  id: "rsi",
  name: { ko: "RSI 역추세", en: "RSI reversal" },
  description: {
    ko: "RSI가 하단 기준 아래로 내려가면 매수하고, 상단 기준 위로 올라가면 매도합니다.",
    en: "Buys when RSI falls below the lower level and sells when it rises above the upper level.",
  },
  params: rsiParams,
  fill(bars, params, target, cache) {
    return levelTargets(cache.rsi(bars, params.period), params.lower, params.upper, target);
  },
});

function levelTargets(
  value: Float64Array,
  lower: number,
  upper: number,
  out: Uint8Array,
): Uint8Array {
  let position = 0;
  for (let t = 0; t < out.length; t++) {
    const v = value[t] as number;
    const enter = +(v < lower);
    const exit = +(v > upper);
    position = position === 0 ? enter : exit ^ 1;
    out[t] = position;
  }
  return out;
}
