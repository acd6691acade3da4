import { z } from "zod";
import type { Bars } from "./bars.ts";
import { bollingerParams, bollingerStrategy } from "./bollinger.ts";
import { maCross, maCrossParams } from "./ma_cross.ts";
import { rsiParams, rsiStrategy } from "./rsi.ts";
import type { IndicatorCache } from "./indicator_cache.ts";
import { defineStrategy, type Strategy } from "./strategy.ts";

/** One member of a composite: a non-composite strategy with its own parameters. */
export const compositeMember = z.discriminatedUnion("id", [
  z.strictObject({ id: z.literal("ma-cross"), params: maCrossParams.prefault({}) }),
  z.strictObject({ id: z.literal("rsi"), params: rsiParams.prefault({}) }),
  z.strictObject({ id: z.literal("bollinger"), params: bollingerParams.prefault({}) }),
]);

/** Validated {@link compositeMember}. */
export type CompositeMember = z.infer<typeof compositeMember>;

/** Parameters of the composite: members, how their votes combine, and the vote threshold. */
export const compositeParams = z.strictObject({
  members: z.array(compositeMember).min(1).max(8)
    .prefault([{ id: "ma-cross" }, { id: "rsi" }])
    .describe("Member strategies, each with its own parameters"),
  mode: z.enum(["all", "any", "vote"]).default("all")
    .describe("all: every member long; any: at least one; vote: at least `threshold` of them"),
  threshold: z.number().gt(0).max(1).default(0.5)
    .describe("vote mode: the fraction of members that must be long"),
});

/** Validated {@link compositeParams}. */
export type CompositeParams = z.infer<typeof compositeParams>;

/**
 * Long on a bar when the members' targets for that bar meet the rule: all long, any long, or
 * (vote) long votes ≥ threshold × member count. Each member keeps its own entry/exit state.
 */
export const composite: Strategy<CompositeParams> = defineStrategy({
  id: "composite",
  name: { ko: "복합 전략", en: "Composite" },
  description: {
    ko: "여러 전략의 매수 신호를 모두/하나 이상/다수결 규칙으로 결합합니다.",
    en: "Combines member strategies' long signals by all, any, or vote.",
  },
  params: compositeParams,
  fill(bars, params, target, cache) {
    const n = bars.close.length;
    const votes = new Uint8Array(n);
    const member = new Uint8Array(n);
    for (const m of params.members) {
      memberTargets(m, bars, member, cache);
      for (let t = 0; t < n; t++) votes[t] = (votes[t] as number) + (member[t] as number);
    }
    const needed = params.mode === "all"
      ? params.members.length
      : params.mode === "any"
      ? 1
      : Math.ceil(params.threshold * params.members.length - 1e-9);
    for (let t = 0; t < n; t++) target[t] = +((votes[t] as number) >= needed);
    return target;
  },
});

function memberTargets(
  member: CompositeMember,
  bars: Bars,
  out: Uint8Array,
  cache: IndicatorCache,
): Uint8Array {
  switch (member.id) {
    case "ma-cross":
      return maCross.targets(bars, member.params, out, cache);
    case "rsi":
      return rsiStrategy.targets(bars, member.params, out, cache);
    case "bollinger":
      return bollingerStrategy.targets(bars, member.params, out, cache);
  }
}
