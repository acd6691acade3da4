/**
 * Alerts in the store: the alert under `["alerts", account, id]`, its by-symbol pointer and an
 * audit entry written in one atomic operation per change, each checking the versionstamp it read;
 * the `active → triggered` change made at most once together with its trigger record; trailing
 * highs written back. The I/O edge of core/alerts: the rules themselves stay in alert.ts.
 * @module
 */
import { z } from "zod";
import {
  type AuditEvent,
  commitOrConflict,
  KEYS,
  listPage,
  type Page,
  type PageRequest,
  retryOnConflict,
  setChecked,
  type Store,
  StoreConflictError,
  whileKvBusy,
} from "../store/mod.ts";
import {
  type AlertChanges,
  createAlert,
  disableAlert,
  enableAlert,
  type PositionContext,
  updateAlert,
} from "./alert.ts";
import { type Alert, alertSchema } from "./schema.ts";
import type { Trigger } from "./trigger.ts";

/** An alert as read, with the versionstamp a later write checks. */
export interface StoredAlert {
  readonly alert: Alert;
  readonly versionstamp: string;
}

/** The history entry of an alert that fired: what crossed which level, and its exit's key. */
export const alertTriggerRecordSchema = z.strictObject({
  alertId: z.string().min(1),
  account: z.string().min(1),
  symbol: z.string().min(1),
  kind: z.string().min(1),
  price: z.int().positive(),
  level: z.int().positive(),
  direction: z.enum(["down", "up"]),
  /** Epoch ms of the tick (or quote) that fired it. */
  at: z.int().nonnegative(),
  /** The order journal's idempotency key of the exit sell, null for notify-only alerts. */
  exitKey: z.string().nullable(),
});

/** The history entry of an alert that fired. */
export type AlertTriggerRecord = z.infer<typeof alertTriggerRecordSchema>;

/**
 * The order journal's idempotency key of an alert's exit sell: one per alert, so a trigger handled
 * twice (a redelivery, a retry after a crash) finds the order of the first time.
 */
export function exitKeyOf(alertId: string): string {
  return `alert-exit:${alertId}`;
}

/** The alert asked for does not exist in the account. */
export class AlertNotFoundError extends Error {
  /** No alert `id` in `account`. */
  constructor(account: string, id: string) {
    super(`no alert ${id} in account ${account}`);
    this.name = "AlertNotFoundError";
  }
}

/** A by-symbol index entry's value: the account and id of the alert's primary key. */
const pointerSchema = z.tuple([z.string().min(1), z.string().min(1)]);

const pendingKeySchema = z.tuple([
  z.literal("alert_exits_pending"),
  z.string().min(1),
  z.string().min(1),
]);

/** Alerts of every account in one store. */
export class AlertRepository {
  readonly #store: Store;

  /** The alerts in `store`; ids and times come from the store's id source and clock. */
  constructor(store: Store) {
    this.#store = store;
  }

  /**
   * Creates an active alert from a caller's draft, resolving percentage rules against `position`.
   * @throws {AlertValidationError} naming every bad field.
   */
  async create(draft: unknown, position: PositionContext = {}): Promise<Alert> {
    const alert = createAlert(draft, {
      ...position,
      id: this.#store.nextId(),
      now: this.#store.now(),
    });
    const key = KEYS.alert(alert.account, alert.id);
    await whileKvBusy(() => {
      const op = this.#store.kv.atomic().check({ key, versionstamp: null });
      setChecked(op, key, alert);
      op.set(KEYS.alertBySymbol(alert.symbol, alert.account, alert.id), [alert.account, alert.id]);
      this.#audit(op, "created", alert, { alert });
      return commitOrConflict(op, `alert ${alert.id}`);
    });
    return alert;
  }

  /** The alert `id` of `account` with its versionstamp, or null. */
  async get(account: string, id: string): Promise<StoredAlert | null> {
    const entry = await whileKvBusy(() => this.#store.kv.get(KEYS.alert(account, id)));
    if (entry.versionstamp === null) return null;
    return { alert: alertSchema.parse(entry.value), versionstamp: entry.versionstamp };
  }

  /**
   * Changes an alert's rule or action, re-resolved against `position`. With `versionstamp` (what
   * the caller read) the change applies only if nobody wrote since; otherwise it retries on a
   * conflict.
   * @throws {AlertNotFoundError}, {AlertValidationError} (bad input, or a triggered alert) or
   * {StoreConflictError} (the alert changed since `versionstamp`).
   */
  update(
    account: string,
    id: string,
    changes: AlertChanges,
    position: PositionContext = {},
    versionstamp?: string,
  ): Promise<Alert> {
    return this.#change(
      account,
      id,
      versionstamp,
      "updated",
      (alert) => updateAlert(alert, changes, { ...position, now: this.#store.now() }),
    );
  }

  /** Disables (`false`) or re-enables (`true`) an alert; see {@link update} for the errors. */
  setEnabled(account: string, id: string, enabled: boolean, versionstamp?: string): Promise<Alert> {
    const now = this.#store.now();
    return this.#change(
      account,
      id,
      versionstamp,
      enabled ? "enabled" : "disabled",
      (alert) => enabled ? enableAlert(alert, now) : disableAlert(alert, now),
    );
  }

  /**
   * Deletes an alert with its index entry and any pending exit (its trigger record, if any, stays
   * as history).
   * @throws {AlertNotFoundError} or {StoreConflictError} as {@link update} does.
   */
  delete(account: string, id: string, versionstamp?: string): Promise<void> {
    return this.#retryUnlessPinned(versionstamp, async () => {
      const stored = await this.#read(account, id, versionstamp);
      const op = this.#store.kv.atomic().check({
        key: KEYS.alert(account, id),
        versionstamp: stored.versionstamp,
      })
        .delete(KEYS.alert(account, id))
        .delete(KEYS.alertBySymbol(stored.alert.symbol, account, id))
        .delete(KEYS.alertExitPending(account, id));
      this.#audit(op, "deleted", stored.alert, {});
      await commitOrConflict(op, `alert ${id}`);
    });
  }

  /** A page of `account`'s alerts, oldest first. */
  listByAccount(account: string, request?: PageRequest): Promise<Page<Alert>> {
    return whileKvBusy(() =>
      listPage(this.#store.kv, { prefix: ["alerts", account] }, alertSchema, request)
    );
  }

  /** A page of the alerts on `symbol` (every account and state), through the by-symbol index. */
  async listBySymbol(symbol: string, request?: PageRequest): Promise<Page<Alert>> {
    const kv = this.#store.kv;
    const pointers = await whileKvBusy(() =>
      listPage(kv, { prefix: ["alerts_by_symbol", symbol] }, pointerSchema, request)
    );
    const alerts: Alert[] = [];
    for (let i = 0; i < pointers.items.length; i += 10) {
      const keys = pointers.items.slice(i, i + 10).map(([account, id]) => KEYS.alert(account, id));
      for (const entry of await whileKvBusy(() => kv.getMany(keys))) {
        if (entry.versionstamp !== null) alerts.push(alertSchema.parse(entry.value));
      }
    }
    return { items: alerts, cursor: pointers.cursor };
  }

  /** Every active alert of every account (all pages), for loading an index. */
  async allActive(): Promise<Alert[]> {
    return (await this.allActiveStored()).map((stored) => stored.alert);
  }

  /** As {@link allActive}, with the versionstamp each was read at (for {@link trigger}). */
  async allActiveStored(): Promise<StoredAlert[]> {
    const active: StoredAlert[] = [];
    for await (const entry of this.#store.kv.list({ prefix: ["alerts"] }, { batchSize: 500 })) {
      const alert = alertSchema.parse(entry.value);
      if (alert.state.status === "active") active.push({ alert, versionstamp: entry.versionstamp });
    }
    return active;
  }

  /**
   * Makes `trigger` permanent: moves its alert `active → triggered` and writes the trigger record
   * (for `notify_and_exit` also marking its exit pending until {@link exitHandled}), in one
   * operation that checks the alert's versionstamp and that no record exists. Returns the
   * record, or null when this caller lost: the alert is no longer active (another process fired
   * it, or the user disabled or deleted it) or was changed after the index loaded it (its
   * `updatedAt` is no longer `evaluated`), so the trigger came from a rule that no longer holds.
   * With `loaded`, the versionstamp the caller read the alert at (active, updated at `evaluated`),
   * the first attempt commits against it without reading the alert; when anything wrote the
   * alert since, it reads and decides as without it.
   */
  async trigger(
    trigger: Trigger,
    evaluated: number,
    loaded?: string,
  ): Promise<AlertTriggerRecord | null> {
    const fired = trigger.alert;
    if (loaded !== undefined) {
      const record = await whileKvBusy(() => this.#commitTrigger(trigger, loaded));
      if (record !== null) return record;
    }
    return retryOnConflict(async () => {
      const stored = await this.get(fired.account, fired.id);
      if (stored === null || stored.alert.state.status !== "active") return null;
      if (stored.alert.updatedAt !== evaluated) return null;
      const record = await this.#commitTrigger(trigger, stored.versionstamp);
      if (record === null) throw new StoreConflictError(`alert ${fired.id}`);
      return record;
    });
  }

  /**
   * Commits `trigger` if its alert is still at `versionstamp` and has no trigger record; the
   * record, or null when a check failed.
   */
  async #commitTrigger(trigger: Trigger, versionstamp: string): Promise<AlertTriggerRecord | null> {
    const { record, checks, write } = this.triggerWrite(trigger, versionstamp);
    const op = this.#store.kv.atomic().check(...checks);
    write(op);
    return (await op.commit()).ok ? record : null;
  }

  /**
   * The checks and changes that make `trigger` permanent, for an operation of the caller's (the
   * exit sell's intent, committed with them): the alert still at `versionstamp` and without a
   * trigger record; the alert moved to triggered, its record, its exit marked pending (for
   * `notify_and_exit`) and the audit entry. The record is what a committed operation wrote.
   */
  triggerWrite(trigger: Trigger, versionstamp: string): {
    readonly record: AlertTriggerRecord;
    readonly checks: readonly Deno.AtomicCheck[];
    readonly write: (op: Deno.AtomicOperation) => void;
  } {
    const fired = trigger.alert;
    const record: AlertTriggerRecord = {
      alertId: fired.id,
      account: fired.account,
      symbol: fired.symbol,
      kind: fired.rule.kind,
      price: trigger.price,
      level: trigger.level,
      direction: trigger.direction,
      at: trigger.at,
      exitKey: fired.action.kind === "notify_and_exit" ? exitKeyOf(fired.id) : null,
    };
    const alertKey = KEYS.alert(fired.account, fired.id);
    const recordKey = KEYS.alertTrigger(fired.account, fired.id);
    const write = (op: Deno.AtomicOperation) => {
      setChecked(op, alertKey, fired);
      setChecked(op, recordKey, record);
      if (record.exitKey !== null) {
        op.set(KEYS.alertExitPending(fired.account, fired.id), fired.id);
      }
      this.#audit(op, "triggered", fired, { record });
    };
    return {
      record,
      checks: [{ key: alertKey, versionstamp }, { key: recordKey, versionstamp: null }],
      write,
    };
  }

  /**
   * Writes `current`'s trailing high-water mark back if it is above the stored one and the alert
   * is still active and unchanged otherwise; true when it wrote. Not audited: a high moves with
   * the market, not by anyone's decision.
   */
  saveHighWaterMark(current: Alert): Promise<boolean> {
    const high = current.rule.kind === "trailing_stop" ? current.rule.highWaterMark : null;
    if (high === null) return Promise.resolve(false);
    return retryOnConflict(async () => {
      const stored = await this.get(current.account, current.id);
      const rule = stored?.alert.rule;
      if (
        stored === null || stored.alert.state.status !== "active" ||
        stored.alert.updatedAt !== current.updatedAt || rule?.kind !== "trailing_stop" ||
        (rule.highWaterMark ?? 0) >= high
      ) return false;
      const key = KEYS.alert(current.account, current.id);
      const next: Alert = { ...stored.alert, rule: { ...rule, highWaterMark: high } };
      const op = this.#store.kv.atomic().check({ key, versionstamp: stored.versionstamp });
      await commitOrConflict(setChecked(op, key, next), `alert ${current.id}`);
      return true;
    });
  }

  /** Clears the pending mark of alert `id`'s exit: the exit sell was placed, or came to nothing. */
  async exitHandled(account: string, id: string): Promise<void> {
    await whileKvBusy(() => this.#store.kv.delete(KEYS.alertExitPending(account, id)));
  }

  /**
   * The fired `notify_and_exit` alerts whose exit is still pending (the process that fired them
   * stopped before placing it), with their trigger records.
   */
  async pendingExits(): Promise<{ alert: Alert; record: AlertTriggerRecord }[]> {
    const pending: { alert: Alert; record: AlertTriggerRecord }[] = [];
    const kv = this.#store.kv;
    for await (const entry of kv.list({ prefix: ["alert_exits_pending"] })) {
      const [, account, id] = pendingKeySchema.parse(entry.key);
      const [stored, record] = await Promise.all([
        this.get(account, id),
        this.triggerOf(account, id),
      ]);
      if (stored !== null && record !== null) pending.push({ alert: stored.alert, record });
    }
    return pending;
  }

  /** The trigger record of alert `id`, or null when it has not fired. */
  async triggerOf(account: string, id: string): Promise<AlertTriggerRecord | null> {
    const entry = await whileKvBusy(() => this.#store.kv.get(KEYS.alertTrigger(account, id)));
    return entry.versionstamp === null ? null : alertTriggerRecordSchema.parse(entry.value);
  }

  /** A page of `account`'s trigger history, by alert id (so by the alerts' creation). */
  triggers(account: string, request?: PageRequest): Promise<Page<AlertTriggerRecord>> {
    return whileKvBusy(() =>
      listPage(
        this.#store.kv,
        { prefix: ["alert_triggers", account] },
        alertTriggerRecordSchema,
        request,
      )
    );
  }

  async #read(account: string, id: string, versionstamp?: string): Promise<StoredAlert> {
    const stored = await this.get(account, id);
    if (stored === null) throw new AlertNotFoundError(account, id);
    if (versionstamp !== undefined && stored.versionstamp !== versionstamp) {
      throw new StoreConflictError(`alert ${id}`);
    }
    return stored;
  }

  /** Applies `decide` to the stored alert with a versionstamp check; the symbol never changes. */
  #change(
    account: string,
    id: string,
    versionstamp: string | undefined,
    action: string,
    decide: (alert: Alert) => Alert,
  ): Promise<Alert> {
    return this.#retryUnlessPinned(versionstamp, async () => {
      const stored = await this.#read(account, id, versionstamp);
      const next = decide(stored.alert);
      const key = KEYS.alert(account, id);
      const op = this.#store.kv.atomic().check({ key, versionstamp: stored.versionstamp });
      setChecked(op, key, next);
      this.#audit(op, action, next, { from: stored.alert, to: next });
      await commitOrConflict(op, `alert ${id}`);
      return next;
    });
  }

  /** A caller's own versionstamp is a precondition: a conflict is its answer, not a retry. */
  #retryUnlessPinned<T>(versionstamp: string | undefined, attempt: () => Promise<T>): Promise<T> {
    return versionstamp === undefined ? retryOnConflict(attempt) : whileKvBusy(attempt);
  }

  #audit(
    op: Deno.AtomicOperation,
    action: string,
    alert: Alert,
    data: AuditEvent["data"],
  ): void {
    this.#store.audit.appendTo(op, {
      kind: "alert",
      action,
      subject: alert.id,
      data: { account: alert.account, symbol: alert.symbol, ...data },
    });
  }
}
