/**
 * An account's rebalancing targets in the store: the settings of `rebalanceConfigSchema`
 * (weights and how to trade towards them), validated before anything is written, audited, and
 * written with a versionstamp check so two editors cannot overwrite each other unseen.
 * @module
 */
import { z } from "zod";
import {
  commitOrConflict,
  KEYS,
  setChecked,
  type Store,
  StoreConflictError,
  whileKvBusy,
} from "../store/mod.ts";
import { type RebalanceConfig, rebalanceConfigSchema } from "./config.ts";

/** An account's targets as stored. */
export interface StoredTargets {
  readonly accountId: string;
  readonly config: RebalanceConfig;
  /** Epoch ms of the last change. */
  readonly updatedAt: number;
  /** Who made it (a user, `api`, `cli`). */
  readonly by: string;
}

const storedTargetsSchema: z.ZodType<StoredTargets> = z.object({
  accountId: z.string().min(1),
  config: rebalanceConfigSchema,
  updatedAt: z.int(),
  by: z.string(),
});

/** Targets that do not pass `rebalanceConfigSchema`; nothing was written. */
export class TargetsInvalidError extends RangeError {
  /** One line per problem, `field: message`. */
  readonly problems: readonly string[];

  /** The error for `issues` of the targets' schema. */
  constructor(issues: readonly z.core.$ZodIssue[]) {
    const problems = issues.map((issue) => {
      const field = issue.path.map((p) => typeof p === "number" ? `[${p}]` : `.${String(p)}`)
        .join("").replace(/^\./, "");
      return `${field || "targets"}: ${issue.message}`;
    });
    super(`invalid rebalancing targets: ${problems.join("; ")}`);
    this.name = "TargetsInvalidError";
    this.problems = problems;
  }
}

/** An account with no targets saved: there is nothing to rebalance towards. */
export class NoTargetsError extends Error {
  /** The account asked about. */
  readonly accountId: string;

  /** No targets for `accountId`. */
  constructor(accountId: string) {
    super(`account ${accountId} has no rebalancing targets`);
    this.name = "NoTargetsError";
    this.accountId = accountId;
  }
}

/** The account's targets with the versionstamp a later save checks, or null. */
export async function readTargets(
  store: Store,
  accountId: string,
): Promise<{ readonly targets: StoredTargets; readonly versionstamp: string } | null> {
  const entry = await whileKvBusy(() => store.kv.get(KEYS.targets(accountId)));
  if (entry.versionstamp === null) return null;
  return { targets: storedTargetsSchema.parse(entry.value), versionstamp: entry.versionstamp };
}

/**
 * Validates `input` and replaces the account's targets, auditing the change (`kind: "config"`).
 * `expected` is `null` to create, else the versionstamp read; returns the new versionstamp.
 *
 * @throws {TargetsInvalidError} when `input` is not valid settings (nothing is written).
 * @throws {StoreConflictError} when the targets changed since `expected` was read.
 */
export async function saveTargets(
  store: Store,
  accountId: string,
  input: unknown,
  expected: string | null,
  by: string,
): Promise<string> {
  const parsed = rebalanceConfigSchema.safeParse(input);
  if (!parsed.success) throw new TargetsInvalidError(parsed.error.issues);
  const key = KEYS.targets(accountId);
  const stored: StoredTargets = { accountId, config: parsed.data, updatedAt: store.now(), by };
  const before = await readTargets(store, accountId);
  if ((before?.versionstamp ?? null) !== expected) {
    throw new StoreConflictError(`rebalancing targets of ${accountId}`);
  }
  const build = () => {
    const op = store.kv.atomic().check({ key, versionstamp: expected });
    setChecked(op, key, stored);
    store.audit.appendTo(op, {
      kind: "config",
      action: before === null ? "rebalance_targets_created" : "rebalance_targets_changed",
      subject: `targets:${accountId}`,
      data: { by, before: before?.targets.config ?? null, after: parsed.data },
    });
    return op;
  };
  const result = await whileKvBusy(() =>
    commitOrConflict(build(), `rebalancing targets of ${accountId}`)
  );
  return result.versionstamp;
}
