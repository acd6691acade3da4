import { BrokerError } from "../errors.ts";
import { type Clock, systemClock } from "./clock.ts";
import { KIS_WS_MAX_REGISTRATIONS, KIS_WS_PATH, TR_IDS, WS_PRICE_TRS } from "./env.ts";
import { KisError } from "./errors.ts";
import { type KisMetricsSink, NO_KIS_METRICS } from "./metrics_sink.ts";
import type { RateBudget } from "./rate_budget.ts";
import {
  decryptPayload,
  parseFrame,
  splitRecords,
  subscriptionMessage,
  type WsFrame,
} from "./ws_frames.ts";
import { WS_RECORD_FIELDS } from "./ws_records.ts";

/** Connection changes a `KisWebSocket` reports; `resubscribed` follows a reconnect. */
export type KisSocketStatus = "open" | "resubscribed" | "closed";

/** Settings of the WebSocket client. */
export interface KisWebSocketOptions {
  readonly wsUrl: string;
  readonly appKey: string;
  /** Issues an approval key (`/oauth2/Approval`); called again when KIS rejects the current one. */
  readonly issueApprovalKey: () => Promise<string>;
  /** The app key's request budget; subscribe messages draw from it like REST calls. */
  readonly budget?: RateBudget;
  readonly clock?: Clock;
  readonly reconnectInitialMs?: number;
  readonly reconnectMaxMs?: number;
  /** How long a subscribe waits for KIS's acknowledgement. */
  readonly ackTimeoutMs?: number;
  readonly onStatus?: (status: KisSocketStatus) => void;
  /** Where opens, reconnects and losses of the socket are reported; default nowhere. */
  readonly metrics?: KisMetricsSink;
}

/** Receives the decoded records of every registered feed. */
export interface RecordListener {
  record(trId: string, fields: string[]): void;
  error(error: Error): void;
  /** The client was closed: no record will follow. */
  closed(): void;
}

interface Registration {
  readonly trId: string;
  readonly trKey: string;
}

interface PendingAck {
  readonly registration: Registration;
  readonly promise: Promise<void>;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

const MIN_FIELDS: Readonly<Record<string, number>> = {
  ...Object.fromEntries(
    Object.values(WS_PRICE_TRS).flatMap((feed) => [
      [feed.trade, WS_RECORD_FIELDS.trade],
      [feed.book, WS_RECORD_FIELDS.orderBook],
    ]),
  ),
  [TR_IDS.wsOrderNotice.real]: WS_RECORD_FIELDS.orderNotice,
  [TR_IDS.wsOrderNotice.vts]: WS_RECORD_FIELDS.orderNotice,
};

// KIS allows one socket per app key (a second gets OPSP8996); this guards it within the process.
const APP_KEYS_IN_USE = new Set<string>();

const idOf = (registration: Registration) => `${registration.trId}|${registration.trKey}`;

/**
 * The KIS realtime socket of one app key: registrations, acknowledgements with AES keys,
 * PINGPONG echo, multi-record and encrypted frames, and reconnect with resubscription.
 */
export class KisWebSocket {
  readonly #options: KisWebSocketOptions;
  readonly #clock: Clock;
  readonly #metrics: KisMetricsSink;
  readonly #registrations = new Map<string, Registration>();
  /** How many subscribers share each registration. */
  readonly #holders = new Map<string, number>();
  readonly #pending = new Map<string, PendingAck>();
  readonly #ciphers = new Map<string, { key: string; iv: string }>();
  readonly #listeners = new Set<RecordListener>();
  #socket: WebSocket | null = null;
  #opening: Promise<void> | null = null;
  #approvalKey: string | null = null;
  /** Registrations sent on the current socket, so a racing subscribe does not send twice. */
  #sent = new Set<string>();
  #reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  #failedAttempts = 0;
  #everOpened = false;
  #closed = false;
  #inbound: Promise<void> = Promise.resolve();

  /** Claims the app key's socket slot in this process; throws if another client holds it. */
  constructor(options: KisWebSocketOptions) {
    if (APP_KEYS_IN_USE.has(options.appKey)) {
      throw new BrokerError(
        "auth",
        "a KIS WebSocket for this app key is already open in this process; KIS allows one per app key",
      );
    }
    APP_KEYS_IN_USE.add(options.appKey);
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
    this.#metrics = options.metrics ?? NO_KIS_METRICS;
  }

  /** Registrations currently held (KIS allows 41 per session). */
  get registrationCount(): number {
    return this.#registrations.size;
  }

  /** Adds a listener for every record; returns the function that removes it. */
  listen(listener: RecordListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Registers one feed and waits for KIS's acknowledgement; a held registration gains a holder. */
  async subscribe(trId: string, trKey: string): Promise<void> {
    if (this.#closed) throw new BrokerError("network", "the KIS WebSocket client is closed");
    const registration = { trId, trKey };
    const id = idOf(registration);
    const holders = this.#holders.get(id) ?? 0;
    if (holders > 0) {
      this.#holders.set(id, holders + 1);
      return await this.#pending.get(id)?.promise;
    }
    if (this.#registrations.size >= KIS_WS_MAX_REGISTRATIONS) {
      throw new BrokerError(
        "rate",
        `cannot register ${trId} ${trKey}: KIS allows ${KIS_WS_MAX_REGISTRATIONS} realtime ` +
          `registrations per app key and all are in use; unsubscribe something first`,
      );
    }
    this.#registrations.set(id, registration);
    this.#holders.set(id, 1);
    this.#metrics.subscriptions(this.#registrations.size);
    try {
      const ack = this.#awaitAck(registration);
      if (this.#socket?.readyState !== WebSocket.OPEN) await this.#open();
      await this.#sendSubscription(registration);
      await ack;
    } catch (error) {
      this.#registrations.delete(id);
      this.#holders.delete(id);
      this.#metrics.subscriptions(this.#registrations.size);
      throw error;
    }
  }

  /** Releases one subscriber's hold on a feed; the last one out tells KIS. */
  async unsubscribe(trId: string, trKey: string): Promise<void> {
    const registration = { trId, trKey };
    const id = idOf(registration);
    const holders = this.#holders.get(id) ?? 0;
    if (holders > 1) {
      this.#holders.set(id, holders - 1);
      return;
    }
    this.#holders.delete(id);
    if (!this.#registrations.delete(id)) return;
    this.#metrics.subscriptions(this.#registrations.size);
    const socket = this.#socket;
    if (socket?.readyState !== WebSocket.OPEN || this.#approvalKey === null) return;
    try {
      await this.#options.budget?.take();
    } catch (error) {
      // Closed while waiting for the budget (its KV store may be closed too): the session's end
      // drops every registration, so there is nothing left to tell KIS.
      if (this.#closed) return;
      throw error;
    }
    if (!this.#closed && socket.readyState === WebSocket.OPEN && this.#approvalKey !== null) {
      socket.send(subscriptionMessage(this.#approvalKey, "unsubscribe", trId, trKey));
    }
  }

  /** Closes the socket, stops reconnecting, frees the app key's slot and tells every listener. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    APP_KEYS_IN_USE.delete(this.#options.appKey);
    clearTimeout(this.#reconnectTimer);
    for (const pending of this.#pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(new BrokerError("network", "the KIS WebSocket client was closed"));
    }
    this.#pending.clear();
    const socket = this.#socket;
    this.#socket = null;
    if (socket && socket.readyState !== WebSocket.CLOSED) {
      const closed = new Promise((resolve) => socket.addEventListener("close", resolve));
      socket.close();
      await closed;
    }
    await this.#inbound;
    for (const listener of this.#listeners) listener.closed();
    this.#metrics.socketClosed();
    this.#metrics.subscriptions(0);
    this.#options.onStatus?.("closed");
  }

  #awaitAck(registration: Registration): Promise<void> {
    const id = idOf(registration);
    const existing = this.#pending.get(id);
    if (existing) return existing.promise;
    let resolve!: () => void;
    let reject!: (error: Error) => void;
    const promise = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const timeoutMs = this.#options.ackTimeoutMs ?? 10_000;
    const timer = setTimeout(() => {
      this.#pending.delete(id);
      reject(
        new BrokerError("network", `KIS did not acknowledge ${id} within ${timeoutMs} ms`),
      );
    }, timeoutMs);
    this.#pending.set(id, { registration, promise, resolve, reject, timer });
    return promise;
  }

  #settle(id: string, error?: Error): void {
    const pending = this.#pending.get(id);
    if (!pending) return;
    clearTimeout(pending.timer);
    this.#pending.delete(id);
    if (error) pending.reject(error);
    else pending.resolve();
  }

  async #sendSubscription(registration: Registration): Promise<void> {
    const id = idOf(registration);
    if (this.#sent.has(id)) return;
    this.#sent.add(id);
    await this.#options.budget?.take();
    const socket = this.#socket;
    if (socket?.readyState !== WebSocket.OPEN || this.#approvalKey === null) return;
    socket.send(
      subscriptionMessage(this.#approvalKey, "subscribe", registration.trId, registration.trKey),
    );
  }

  #open(): Promise<void> {
    this.#opening ??= this.#connect().finally(() => {
      this.#opening = null;
    });
    return this.#opening;
  }

  async #connect(): Promise<void> {
    let socket: WebSocket | undefined;
    const url = `${this.#options.wsUrl.replace(/\/+$/, "")}${KIS_WS_PATH}`;
    try {
      this.#approvalKey ??= await this.#options.issueApprovalKey();
      const opening = new WebSocket(url);
      socket = opening;
      this.#socket = opening;
      this.#sent = new Set();
      await new Promise<void>((resolve, reject) => {
        opening.onopen = () => resolve();
        opening.onerror = () => reject(new BrokerError("network", `KIS WebSocket ${url} failed`));
        opening.onclose = () => reject(new BrokerError("network", `KIS WebSocket ${url} closed`));
      });
    } catch (error) {
      if (socket && this.#socket === socket) this.#socket = null;
      if (this.#everOpened && !this.#closed) this.#scheduleReconnect();
      throw error;
    }
    const open = socket;
    open.onerror = null;
    open.onclose = () => this.#onDisconnect(open);
    open.onmessage = (event) => {
      const text = typeof event.data === "string" ? event.data : "";
      this.#inbound = this.#inbound.then(() => this.#onMessage(open, text))
        .catch((error: Error) => this.#broadcastError(error));
    };
    if (this.#closed) return;
    this.#failedAttempts = 0;
    this.#metrics.socketOpened(this.#everOpened);
    this.#options.onStatus?.("open");
    if (!this.#everOpened) {
      this.#everOpened = true;
      return;
    }
    const acks = [...this.#registrations.values()].map((registration) => {
      const ack = this.#awaitAck(registration);
      ack.catch((error: Error) => this.#broadcastError(error));
      return ack;
    });
    for (const registration of [...this.#registrations.values()]) {
      await this.#sendSubscription(registration);
    }
    await Promise.allSettled(acks);
    if (!this.#closed && this.#socket === open) this.#options.onStatus?.("resubscribed");
  }

  #onDisconnect(socket: WebSocket): void {
    if (socket !== this.#socket || this.#closed) return;
    this.#socket = null;
    this.#metrics.socketClosed();
    // AES keys belong to the session; the next acks bring new ones.
    this.#ciphers.clear();
    this.#scheduleReconnect();
  }

  #scheduleReconnect(): void {
    const initial = this.#options.reconnectInitialMs ?? 500;
    const max = this.#options.reconnectMaxMs ?? 30_000;
    const delay = Math.min(initial * 2 ** this.#failedAttempts, max);
    this.#failedAttempts++;
    clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = setTimeout(() => {
      if (!this.#closed) this.#open().catch(() => {});
    }, delay);
  }

  async #onMessage(socket: WebSocket, text: string): Promise<void> {
    if (socket !== this.#socket || this.#closed) return;
    let frame: WsFrame;
    try {
      frame = parseFrame(text);
    } catch (error) {
      this.#broadcastError(error as Error);
      return;
    }
    switch (frame.kind) {
      case "pingpong":
        // Deno has no user-level pong, so the frame is echoed as KIS's own clients do.
        socket.send(frame.raw);
        return;
      case "ack":
        this.#onAck(frame);
        return;
      case "data":
        await this.#onData(frame);
    }
  }

  #onAck(frame: Extract<WsFrame, { kind: "ack" }>): void {
    if (frame.cipher) this.#ciphers.set(frame.trId, frame.cipher);
    const id = frame.trKey
      ? `${frame.trId}|${frame.trKey}`
      : [...this.#pending.keys()].find((key) => key.startsWith(`${frame.trId}|`));
    if (frame.msgCd === "OPSP0001" || id === undefined) return;
    // OPSP0002 "ALREADY IN SUBSCRIBE" comes with rt_cd 1 but means the feed is on.
    if (frame.rtCd === "0" || frame.msgCd === "OPSP0000" || frame.msgCd === "OPSP0002") {
      this.#settle(id);
      return;
    }
    if (/INVALID APPROVAL KEY/i.test(frame.msg1)) this.#approvalKey = null;
    this.#registrations.delete(id);
    this.#holders.delete(id);
    this.#settle(
      id,
      new KisError(
        { msgCd: frame.msgCd, msg1: frame.msg1, httpStatus: 0, trId: frame.trId },
        frame.msgCd === "OPSP0008" ? "rate" : undefined,
      ),
    );
  }

  async #onData(frame: Extract<WsFrame, { kind: "data" }>): Promise<void> {
    let records: string[][];
    try {
      let payload = frame.payload;
      if (frame.encrypted) {
        const cipher = this.#ciphers.get(frame.trId);
        if (!cipher) {
          throw new BrokerError("server", `encrypted ${frame.trId} frame arrived before its key`);
        }
        payload = await decryptPayload(payload, cipher);
      }
      records = splitRecords(payload, frame.count, MIN_FIELDS[frame.trId] ?? 1);
    } catch (error) {
      this.#broadcastError(error as Error);
      return;
    }
    for (const fields of records) {
      for (const listener of this.#listeners) listener.record(frame.trId, fields);
    }
  }

  #broadcastError(error: Error): void {
    for (const listener of this.#listeners) listener.error(error);
  }
}
