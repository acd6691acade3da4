import { z } from "zod";
import { defineStrategy, type Strategy } from "./strategy.ts";

/** Parameters of the moving-average cross: SMA periods, `fast` shorter than `slow`. */
export const maCrossParams = z.strictObject({
  fast: z.int().min(1).max(250).default(5).describe("Fast SMA period in bars"),
  slow: z.int().min(2).max(500).default(20).describe("Slow SMA period in bars"),
}).refine((p) => p.fast < p.slow, {
  message: 'parameter "fast" must be less than "slow"',
  path: ["fast"],
});

/** Validated {@link maCrossParams}. */
export type MaCrossParams = z.infer<typeof maCrossParams>;

/**
 * Long from the bar where SMA(fast) crosses above SMA(slow) (previous bar ≤, this bar >) until the
 * bar where it crosses below (previous bar ≥, this bar <). Flat until the first cross up.
 */
export const maCross: Strategy<MaCrossParams> = defineStrategy({
  id: "ma-cross",
  name: { ko: "이동평균 교차", en: "Moving-average cross" },
  description: {
    ko: "단기 이동평균이 장기 이동평균을 상향 돌파하면 매수, 하향 돌파하면 매도합니다.",
    en: "Buys when the fast SMA crosses above the slow SMA and sells when it crosses below.",
  },
  params: maCrossParams,
  fill(bars, params, target, cache) {
    return crossTargets(cache.sma(bars, params.fast), cache.sma(bars, params.slow), target);
  },
  fusedSignal: (params) => ({ kind: "sma-cross", fast: params.fast, slow: params.slow }),
});

/** The cross state machine over two precomputed averages; NaN (warm-up) never triggers a cross. */
export function crossTargets(fast: Float64Array, slow: Float64Array, out: Uint8Array): Uint8Array {
  const n = out.length;
  if (n === 0) return out;
  out[0] = 0;
  let position = 0;
  let previousFast = fast[0] as number;
  let previousSlow = slow[0] as number;
  for (let t = 1; t < n; t++) {
    const f = fast[t] as number;
    const s = slow[t] as number;
    const up = +(previousFast <= previousSlow) & +(f > s);
    const down = +(previousFast >= previousSlow) & +(f < s);
    position = (position | up) & (down ^ 1);
    out[t] = position;
    previousFast = f;
    previousSlow = s;
  }
  return out;
}
