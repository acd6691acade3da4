/**
 * Rebalancing runs as the timeline shows them: the plan a run executed, each planned order's key
 * and outcome, the run's result and its times; stored per account under its run id, listed newest
 * first through a by-time index.
 * @module
 */
import { z } from "zod";
import type { OrderRequest } from "../broker/mod.ts";
import { isSymbolCode, parseIsoDate, type SymbolCode } from "../krx/mod.ts";
import {
  commitOrConflict,
  KEYS,
  listPage,
  type Page,
  type PageRequest,
  PREFIXES,
  retryOnConflict,
  setChecked,
  type Store,
  whileKvBusy,
} from "../store/mod.ts";
import type { OrderStatus, RiskRejection } from "../trading/mod.ts";
import { ORDER_STATUSES, orderRequestSchema } from "../trading/mod.ts";
import type { RebalancePlan } from "./types.ts";

/** What happened to one planned order. */
export type RunOrderOutcome =
  /** Not tried yet (the run is under way, or stopped before it). */
  | { readonly kind: "pending" }
  /** Placed through the journal (or found there under its key). */
  | { readonly kind: "placed"; readonly orderId: string; readonly status: OrderStatus }
  /** Refused by the journal's risk checks; nothing was sent. */
  | { readonly kind: "rejected"; readonly rejections: readonly RiskRejection[] }
  /** Not tried: the cash actually available could not pay for it. */
  | {
    readonly kind: "skipped";
    readonly reason: "insufficient_cash";
    readonly availableKrw: number;
  }
  /** The broker or the store failed while placing it. */
  | { readonly kind: "error"; readonly message: string };

/** One planned order of a run, its journal key and outcome. */
export interface RunOrder {
  readonly idempotencyKey: string;
  readonly request: OrderRequest;
  readonly outcome: RunOrderOutcome;
}

/**
 * How a run ended: every order placed (`completed`), some (`partial`), none because each was
 * refused or skipped (`rejected`), nothing to trade (`nothing_to_do`), or the run could not place
 * its orders at all (`failed`); `running` while under way or after a crash mid-run.
 */
export type RunResult =
  | "running"
  | "completed"
  | "partial"
  | "rejected"
  | "nothing_to_do"
  | "failed";

/** One rebalancing run of an account. */
export interface RebalanceRun {
  readonly id: string;
  readonly accountId: string;
  readonly plan: RebalancePlan;
  readonly orders: readonly RunOrder[];
  /** The settings' D+2 option when the run was planned: may buys spend today's sale proceeds. */
  readonly useUnsettledSellProceeds: boolean;
  readonly result: RunResult;
  /** Why the run failed, when it did. */
  readonly error: string | null;
  /** Epoch ms. */
  readonly startedAt: number;
  readonly finishedAt: number | null;
}

const symbol = z.string().refine(isSymbolCode).transform((s) => s as SymbolCode);
const won = z.int();
const estimate = {
  side: z.enum(["buy", "sell"]),
  symbol,
  qty: z.int().positive(),
  value: won,
  fee: won,
  tax: won,
};

/** The schema of a stored plan (core/rebalance/types.ts). */
export const rebalancePlanSchema: z.ZodType<RebalancePlan> = z.object({
  date: z.string().transform((s) => parseIsoDate(s)),
  equity: won,
  cash: won,
  buyingPower: won,
  orders: z.array(z.discriminatedUnion("type", [
    z.object({ ...estimate, type: z.literal("limit"), price: won }),
    z.object({ ...estimate, type: z.literal("market"), lastPrice: won, reservePrice: won }),
  ])),
  symbols: z.array(z.object({
    symbol,
    price: won,
    targetBasisPoints: z.int(),
    heldQty: z.int(),
    currentBasisPoints: z.int(),
    driftBasisPoints: z.int(),
    status: z.enum([
      "traded",
      "within_band",
      "at_target",
      "below_minimum",
      "no_cash",
      "not_orderable",
      "no_improvement",
    ]),
    afterQty: z.int(),
    afterBasisPoints: z.int(),
    afterDriftBasisPoints: z.int(),
  })),
  cashAfter: won,
  equityAfter: won,
});

const outcomeSchema: z.ZodType<RunOrderOutcome> = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("pending") }),
  z.object({ kind: z.literal("placed"), orderId: z.string(), status: z.enum(ORDER_STATUSES) }),
  z.object({
    kind: z.literal("rejected"),
    rejections: z.array(
      z.looseObject({ code: z.string(), message: z.string() }).transform((r) =>
        r as unknown as RiskRejection
      ),
    ),
  }),
  z.object({
    kind: z.literal("skipped"),
    reason: z.literal("insufficient_cash"),
    availableKrw: z.int(),
  }),
  z.object({ kind: z.literal("error"), message: z.string() }),
]);

/** The schema runs are read back with. */
export const rebalanceRunSchema: z.ZodType<RebalanceRun> = z.object({
  id: z.string().min(1),
  accountId: z.string().min(1),
  plan: rebalancePlanSchema,
  orders: z.array(z.object({
    idempotencyKey: z.string(),
    request: orderRequestSchema,
    outcome: outcomeSchema,
  })),
  useUnsettledSellProceeds: z.boolean(),
  result: z.enum(["running", "completed", "partial", "rejected", "nothing_to_do", "failed"]),
  error: z.string().nullable(),
  startedAt: z.int(),
  finishedAt: z.int().nullable(),
});

const runIdSchema = z.string().min(1);

/** The run `runId` of an account, or null. */
export async function getRun(
  store: Store,
  accountId: string,
  runId: string,
): Promise<RebalanceRun | null> {
  const entry = await whileKvBusy(() => store.kv.get(KEYS.rebalanceRun(accountId, runId)));
  return entry.versionstamp === null ? null : rebalanceRunSchema.parse(entry.value);
}

/**
 * Writes `run` (creating its by-time index entry with the first write); `create` makes the write
 * fail with a conflict when the run id is taken, so two starts of one run cannot both plan.
 */
export async function saveRun(store: Store, run: RebalanceRun, create = false): Promise<void> {
  const key = KEYS.rebalanceRun(run.accountId, run.id);
  await retryOnConflict(() => {
    const op = store.kv.atomic();
    if (create) op.check({ key, versionstamp: null });
    setChecked(op, key, run);
    op.set(KEYS.rebalanceRunByTime(run.accountId, run.startedAt, run.id), run.id);
    return commitOrConflict(op, `rebalancing run ${run.id}`);
  }, { attempts: create ? 1 : 20 });
}

/** A page of an account's runs, newest first (oldest first with `reverse: false`). */
export async function listRuns(
  store: Store,
  accountId: string,
  request: PageRequest = {},
): Promise<Page<RebalanceRun>> {
  const ids = await whileKvBusy(() =>
    listPage(
      store.kv,
      { prefix: [...PREFIXES.rebalanceRunsByTime, accountId] },
      runIdSchema,
      { ...request, reverse: request.reverse ?? true },
    )
  );
  const runs: RebalanceRun[] = [];
  for (const id of ids.items) {
    const run = await getRun(store, accountId, id);
    if (run !== null) runs.push(run);
  }
  return { items: runs, cursor: ids.cursor };
}
