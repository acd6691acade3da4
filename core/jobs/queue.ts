/**
 * The one listener of a KV handle's queue. Deno KV allows one `listenQueue` per handle, and
 * several modules queue work on the app's KV (notifications, backtest runs), so each registers a
 * handler for its own kind of message here and the dispatcher routes every message to the first
 * handler that accepts it.
 * @module
 */
import { log as defaultLog, type LogFields, type LogLevel } from "../obs/log.ts";

/** What a module handles on the shared queue. */
export interface QueueHandler {
  /** A name for logs, e.g. `notify`. */
  readonly kind: string;
  /** True for a message this handler owns (checked in registration order). */
  accepts(value: unknown): boolean;
  /**
   * Handles one message. Throwing makes KV deliver it again later, so a handler that must not
   * repeat work makes itself idempotent.
   */
  handle(value: unknown): Promise<unknown>;
}

/** Routes a KV queue's messages to the handlers registered for their kinds. */
export class QueueDispatcher {
  /** The KV handle whose queue this dispatches; handlers enqueue on it too. */
  readonly kv: Deno.Kv;
  readonly #handlers: QueueHandler[] = [];
  readonly #log: (level: LogLevel, message: string, fields?: LogFields) => void;
  #listening: Promise<void> | undefined;

  /** A dispatcher for `kv`'s queue; nothing is read until {@link listen}. */
  constructor(
    kv: Deno.Kv,
    log: (level: LogLevel, message: string, fields?: LogFields) => void = defaultLog,
  ) {
    this.kv = kv;
    this.#log = log;
  }

  /** Adds `handler`; handlers may be added before or after listening starts. */
  register(handler: QueueHandler): this {
    if (this.#handlers.some((h) => h.kind === handler.kind)) {
      throw new Error(`a queue handler of kind ${handler.kind} is already registered`);
    }
    this.#handlers.push(handler);
    return this;
  }

  /** The registered kinds, in order. */
  kinds(): string[] {
    return this.#handlers.map((h) => h.kind);
  }

  /**
   * Routes one message; a message no handler accepts is logged and dropped (a version of the app
   * that queued a kind this one no longer knows).
   */
  async dispatch(value: unknown): Promise<void> {
    const handler = this.#handlers.find((h) => h.accepts(value));
    if (handler === undefined) {
      const type = typeof value === "object" && value !== null
        ? String((value as { type?: unknown }).type)
        : typeof value;
      this.#log("warn", "queue message with no handler", { type });
      return;
    }
    await handler.handle(value);
  }

  /**
   * Listens on the queue until the KV handle closes; calling it again returns the same promise,
   * so the handle's one `listenQueue` is never asked twice.
   */
  listen(): Promise<void> {
    this.#listening ??= this.kv.listenQueue((value: unknown) => this.dispatch(value));
    return this.#listening;
  }
}
