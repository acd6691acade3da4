/**
 * The alert watcher, the I/O edge around the pure `AlertIndex`: it loads the active alerts from
 * the store, evaluates trade ticks (from a broker stream) or quotes (the sweep) against them, and
 * for each trigger commits the state change first, then notifies and, for `notify_and_exit`,
 * places the exit sell. Only the process whose commit wins acts, so a trigger is acted on once
 * however many watchers see the tick.
 * @module
 */
import type { Broker, BrokerStream } from "../broker/mod.ts";
import type { SymbolCode } from "../krx/mod.ts";
import type { Notification } from "../notify/mod.ts";
import { log as defaultLog, type LogFields, type LogLevel } from "../obs/log.ts";
import { annotateSpan, inSpan } from "../obs/tracing.ts";
import type { Store } from "../store/mod.ts";
import { JointWriteConflictError, type OrderJournal } from "../trading/mod.ts";
import { AlertIndex } from "./alert_index.ts";
import { type AlertObserver, NO_ALERT_OBSERVER } from "./observer.ts";
import { alertNotification } from "./alert_message.ts";
import { type ExitContext, type ExitOutcome, placeExit } from "./exit_order.ts";
import { AlertRepository, type AlertTriggerRecord, exitKeyOf } from "./repository.ts";
import type { Alert } from "./schema.ts";
import type { Trigger } from "./trigger.ts";

/** Where a fired alert's message goes: `Notifier.notify`'s shape (core/notify). */
export type NotifyFunction = (notification: Notification) => Promise<unknown>;

/** What the watcher needs. */
export interface AlertWatcherOptions {
  readonly store: Store;
  /** Quotes for the sweep, the position for exit quantities. */
  readonly broker: Broker;
  readonly notify: NotifyFunction;
  /** The order journal of an account, for exits; undefined when this process cannot trade it. */
  readonly journalOf: (account: string) => OrderJournal | undefined;
  /**
   * Trailing highs are written back when they moved, at most once per this many milliseconds of
   * the store's clock (default 5,000), and on `flushHighs()`; a restart resumes from the last write.
   */
  readonly highFlushMs?: number;
  /** Hears the watched count, triggers and evaluation times, for metrics (default: nothing). */
  readonly observer?: AlertObserver;
  readonly log?: (level: LogLevel, message: string, fields?: LogFields) => void;
}

/** What handling one trigger came to. */
export type TriggerOutcome =
  | { readonly alertId: string; readonly result: "lost" }
  | { readonly alertId: string; readonly result: "failed"; readonly reason: string }
  | {
    readonly alertId: string;
    /** `resumed`: the exit of an alert fired by a process that stopped before placing it. */
    readonly result: "fired" | "resumed";
    readonly record: AlertTriggerRecord;
    /** null for notify-only alerts. */
    readonly exit: ExitOutcome | null;
  };

/** Active alerts of every account, watched for triggers. */
export class AlertWatcher {
  readonly #options: AlertWatcherOptions;
  readonly #repository: AlertRepository;
  readonly #log: (level: LogLevel, message: string, fields?: LogFields) => void;
  readonly #observer: AlertObserver;
  readonly #index = new AlertIndex();
  /** The indexed alerts as loaded (before any tick), by id. */
  readonly #loaded = new Map<string, Alert>();
  /** The versionstamp each indexed alert was last read at, which its trigger's commit checks. */
  readonly #versionstamps = new Map<string, string>();
  /** The trailing highs as last written, by alert id. */
  readonly #savedHighs = new Map<string, number>();
  #lastFlush = Number.NEGATIVE_INFINITY;

  private constructor(options: AlertWatcherOptions) {
    this.#options = options;
    this.#repository = new AlertRepository(options.store);
    this.#log = options.log ?? defaultLog;
    this.#observer = options.observer ?? NO_ALERT_OBSERVER;
  }

  /** A watcher holding every active alert in `options.store`. */
  static async load(options: AlertWatcherOptions): Promise<AlertWatcher> {
    const watcher = new AlertWatcher(options);
    await watcher.reload();
    return watcher;
  }

  /** How many alerts are watched. */
  get size(): number {
    return this.#index.size;
  }

  /** The symbols that have watched alerts: what a stream has to carry. */
  symbols(): SymbolCode[] {
    return [...new Set([...this.#loaded.values()].map((alert) => alert.symbol))].sort();
  }

  /**
   * Brings the index up to the store: adds new active alerts, drops those no longer active and
   * re-adds those changed since they were loaded (with their stored high).
   */
  async reload(): Promise<void> {
    const active = new Map(
      (await this.#repository.allActiveStored()).map((stored) => [stored.alert.id, stored]),
    );
    for (const [id, loaded] of this.#loaded) {
      const stored = active.get(id);
      // unchanged but for a trailing high written since: the newer versionstamp guards the same rule
      if (stored?.alert.updatedAt === loaded.updatedAt) {
        this.#versionstamps.set(id, stored.versionstamp);
      } else this.#forget(id);
    }
    for (const [id, stored] of active) {
      if (!this.#loaded.has(id)) this.#watch(stored.alert, stored.versionstamp);
    }
    this.#observer.watched(this.size);
  }

  /** Evaluates a trade at `price` on `symbol` at `at` (epoch ms) and acts on what it fires. */
  async onTrade(symbol: SymbolCode, price: number, at: number): Promise<TriggerOutcome[]> {
    const outcomes: TriggerOutcome[] = [];
    const evaluationStart = performance.now();
    const triggers = this.#index.onTick(symbol, price, at);
    this.#observer.evaluated((performance.now() - evaluationStart) / 1000);
    for (const trigger of triggers) outcomes.push(await this.#traced(trigger));
    if (at - this.#lastFlush >= (this.#options.highFlushMs ?? 5_000)) await this.flushHighs(at);
    return outcomes;
  }

  /**
   * Feeds every trade of `stream` to {@link onTrade} until the stream ends, timing each by the
   * store's clock (a tick's own time is KST seconds without a date). `onOutcome` hears each
   * trigger's outcome.
   */
  async watch(
    stream: BrokerStream,
    onOutcome: (outcome: TriggerOutcome) => void = () => {},
  ): Promise<void> {
    for await (const event of stream) {
      if (event.type !== "trade") continue;
      const outcomes = await this.onTrade(event.symbol, event.price, this.#options.store.now());
      outcomes.forEach(onOutcome);
    }
  }

  /**
   * The safety net for ticks missed while disconnected: places the exits left pending (see
   * {@link resumeExits}), then evaluates every watched symbol at its latest quote. A symbol whose
   * quote cannot be read is logged and skipped. Runs in an `alert.sweep` span (attribute
   * `alerts.watched`), the parent of each trigger's.
   */
  sweep(): Promise<TriggerOutcome[]> {
    return inSpan("alert.sweep", { "alerts.watched": this.size }, () => this.#sweep());
  }

  async #sweep(): Promise<TriggerOutcome[]> {
    const outcomes = await this.resumeExits();
    for (const symbol of this.symbols()) {
      let price: number;
      try {
        price = (await this.#options.broker.getQuote(symbol)).price;
      } catch (error) {
        this.#log("warn", "alerts: sweep could not read a quote", { symbol, error });
        continue;
      }
      outcomes.push(...await this.onTrade(symbol, price, this.#options.store.now()));
    }
    return outcomes;
  }

  /**
   * Places the exit sells of alerts that fired in a process that stopped before placing them, or
   * whose order was still unresolved (see {@link placeExit} and `#settleExit`). The exit's
   * idempotency key makes this safe while that process is still placing it.
   */
  async resumeExits(): Promise<TriggerOutcome[]> {
    const outcomes: TriggerOutcome[] = [];
    for (const { alert, record } of await this.#repository.pendingExits()) {
      this.#log("warn", "alerts: placing an exit left pending", { alert: alert.id });
      outcomes.push({
        alertId: alert.id,
        result: "resumed",
        record,
        exit: await this.#exit(alert, { trigger: { price: record.price, readAt: record.at } }),
      });
    }
    return outcomes;
  }

  /** Writes back every trailing high that rose since it was last written. */
  async flushHighs(at = this.#options.store.now()): Promise<void> {
    this.#lastFlush = at;
    for (const [id, loaded] of this.#loaded) {
      if (loaded.rule.kind !== "trailing_stop") continue;
      const current = this.#index.current(id);
      const rule = current?.rule;
      if (rule?.kind !== "trailing_stop" || rule.highWaterMark === null) continue;
      if (rule.highWaterMark <= (this.#savedHighs.get(id) ?? 0)) continue;
      try {
        await this.#repository.saveHighWaterMark(current!);
        this.#savedHighs.set(id, rule.highWaterMark);
      } catch (error) {
        this.#log("warn", "alerts: could not write a trailing high", { alert: id, error });
      }
    }
  }

  #watch(alert: Alert, versionstamp: string | undefined): void {
    this.#index.add(alert);
    this.#loaded.set(alert.id, alert);
    if (versionstamp !== undefined) this.#versionstamps.set(alert.id, versionstamp);
    if (alert.rule.kind === "trailing_stop" && alert.rule.highWaterMark !== null) {
      this.#savedHighs.set(alert.id, alert.rule.highWaterMark);
    }
  }

  #forget(id: string): void {
    this.#index.remove(id);
    this.#loaded.delete(id);
    this.#versionstamps.delete(id);
    this.#savedHighs.delete(id);
  }

  /**
   * Handles `trigger` in an `alert.trigger` span: the rule's kind, the action and the symbol (one
   * of the watched ones), and the result; its notification and exit sell are its children.
   */
  #traced(trigger: Trigger): Promise<TriggerOutcome> {
    const { alert } = trigger;
    const attributes = {
      "alert.kind": alert.rule.kind,
      "alert.action": alert.action.kind,
      "alert.symbol": alert.symbol,
    };
    return inSpan("alert.trigger", attributes, async () => {
      const outcome = await this.#handle(trigger);
      annotateSpan({ "alert.result": outcome.result });
      return outcome;
    });
  }

  /**
   * Commits the trigger; only the winner notifies and exits. A `notify_and_exit` alert this
   * process can trade commits its trigger together with its exit's intent (see
   * {@link #fireWithExit}); when that commit is not made, the trigger is committed alone, as for
   * every other alert, and the exit follows it.
   */
  async #handle(trigger: Trigger): Promise<TriggerOutcome> {
    const alert = trigger.alert;
    const loaded = this.#loaded.get(alert.id)!;
    const versionstamp = this.#versionstamps.get(alert.id);
    this.#forget(alert.id);
    const journal = alert.action.kind === "notify_and_exit"
      ? this.#options.journalOf(alert.account)
      : undefined;
    // an exit's balance is read beside the trigger's commit; a lost trigger drops the reading, a
    // failed one fails the exit when it is awaited
    const balance = journal?.readBalance();
    balance?.catch(() => {});
    const context: ExitContext = {
      trigger: { price: trigger.price, readAt: trigger.at },
      ...(balance === undefined ? {} : { balance }),
      firedNow: true,
    };
    let decided: ExitOutcome | undefined;
    // the versionstamp the trigger's commit checks first, unless a joint commit failed against it
    let unread = versionstamp;
    if (journal !== undefined && versionstamp !== undefined) {
      const joint = await this.#fireWithExit(trigger, journal, versionstamp, context);
      if ("result" in joint) return joint;
      decided = joint.exit;
      if (decided === undefined) unread = undefined;
    }
    let record: AlertTriggerRecord | null;
    try {
      record = await this.#repository.trigger(trigger, loaded.updatedAt, unread);
    } catch (error) {
      // nothing was committed: keep watching it (from its loaded high) so the next tick retries
      this.#watch(loaded, versionstamp);
      this.#log("error", "alerts: could not commit a trigger", { alert: alert.id, error });
      return { alertId: alert.id, result: "failed", reason: String(error) };
    }
    if (record === null) {
      // fired elsewhere, or changed or disabled since loading: pick up whatever is stored now
      const stored = await this.#repository.get(alert.account, alert.id);
      if (stored?.alert.state.status === "active") this.#watch(stored.alert, stored.versionstamp);
      this.#observer.watched(this.size);
      return { alertId: alert.id, result: "lost" };
    }
    this.#fired(alert);
    // queued while the exit is placed: the sell does not wait for the notification's commit
    const notified = this.#notify(alert, record);
    const exit = decided === undefined
      ? await this.#exit(alert, context)
      : await this.#settleExit(alert, decided);
    await notified;
    return { alertId: alert.id, result: "fired", record, exit };
  }

  /**
   * Places `trigger`'s exit with the trigger's writes joined to the intent's commit, so the sell
   * waits for one commit instead of two; the notification is asked for as that commit lands. The
   * fired outcome when the commit was made; otherwise what the exit came to without committing
   * anything (nothing held, or refused, so the trigger is committed alone), or no exit when the
   * joint commit's checks failed (the caller commits the trigger the usual way and places again).
   */
  async #fireWithExit(
    trigger: Trigger,
    journal: OrderJournal,
    versionstamp: string,
    context: ExitContext,
  ): Promise<TriggerOutcome | { readonly exit?: ExitOutcome }> {
    const alert = trigger.alert;
    const { record, checks, write } = this.#repository.triggerWrite(trigger, versionstamp);
    // read while the balance is: the sell then waits for the slower of the two reads, one commit
    const placement = journal.readPlacement(exitKeyOf(alert.id));
    placement.catch(() => {});
    let notified: Promise<void> | undefined;
    const committed = () => notified = this.#notify(alert, record);
    let exit: ExitOutcome;
    try {
      const joint = { checks, write, committed };
      exit = await placeExit(alert, journal, { ...context, joint, placement });
    } catch (error) {
      if (error instanceof JointWriteConflictError) return {};
      throw error;
    }
    if (notified === undefined) return { exit };
    this.#fired(alert);
    await this.#settleExit(alert, exit);
    await notified;
    return { alertId: alert.id, result: "fired", record, exit };
  }

  /** Counts a trigger this process committed. */
  #fired(alert: Alert): void {
    this.#observer.triggered(alert.rule.kind);
    this.#observer.watched(this.size);
  }

  /** Queues the trigger's notification; a failure is logged, never thrown. */
  async #notify(alert: Alert, record: AlertTriggerRecord): Promise<void> {
    try {
      await this.#options.notify(alertNotification(alert, record));
    } catch (error) {
      this.#log("error", "alerts: could not queue a trigger's notification", {
        alert: alert.id,
        error,
      });
    }
  }

  /** Places `alert`'s exit sell with what `context` already has (see {@link ExitContext}). */
  async #exit(alert: Alert, context: ExitContext): Promise<ExitOutcome | null> {
    if (alert.action.kind !== "notify_and_exit") return null;
    const journal = this.#options.journalOf(alert.account);
    return await this.#settleExit(
      alert,
      journal === undefined
        ? { status: "failed", reason: `no order journal for account ${alert.account}` }
        : await placeExit(alert, journal, context),
    );
  }

  /**
   * Logs a failed exit and clears `alert`'s pending mark: its exit came to `outcome`. An exit
   * whose order is still unresolved (an intent or unknown: its process stopped before KIS
   * answered) stays pending, so a later sweep finds it again once reconciliation has resolved it,
   * and places it again if it never reached KIS.
   */
  async #settleExit(alert: Alert, outcome: ExitOutcome): Promise<ExitOutcome> {
    if (outcome.status === "failed") {
      // not retried: a refused sell (kill switch, closed session) must not go out unattended later
      this.#log("error", "alerts: exit sell failed", { alert: alert.id, reason: outcome.reason });
    }
    const status = outcome.status === "placed" ? outcome.order.status : null;
    if (status === "intent" || status === "unknown") return outcome;
    try {
      await this.#repository.exitHandled(alert.account, alert.id);
    } catch (error) {
      // the next sweep finds it pending and the exit key returns the order placed now
      this.#log("warn", "alerts: could not clear a pending exit", { alert: alert.id, error });
    }
    return outcome;
  }
}
