import type { AuthStore } from "./auth.ts";
import type { SimClock } from "./clock.ts";
import type { ExchangeEvents, SimOrderNotice } from "./exchange_types.ts";
import type { FaultInjector } from "./faults.ts";
import type { SimSocket, SocketHandlers } from "./ws_server.ts";
import {
  dataFrame,
  encryptPayload,
  fillNoticeRecord,
  joinRecords,
  orderBookRecord,
  tradeRecord,
} from "./frames.ts";
import { kstWallClock } from "../krx/time.ts";
import { barSoFar } from "./intraday.ts";
import type { SimMarket, TradePrint } from "./market.ts";
import type { Rng } from "./rng.ts";
import type { TimerSet } from "./timers.ts";
import { FILL_NOTICE_TR_ID, PRICE_FEEDS, type PriceFeed, type SimEnv } from "./tr_ids.ts";

/** Registrations allowed per session, summed over all TRs (PROTOCOL.md §7.1). */
export const MAX_REGISTRATIONS = 41;
/** At most this many records go into one data frame. */
export const MAX_RECORDS_PER_FRAME = 10;
/** When the clock jumps, only this many of the newest trades per symbol are streamed. */
export const MAX_STREAMED_PRINTS = 30;
/** Unanswered PINGPONGs after which the server drops the session. */
export const MAX_UNANSWERED_PINGS = 3;

interface Session {
  readonly socket: SimSocket;
  readonly subscriptions: Map<string, { trId: string; trKey: string }>;
  readonly keys: Map<string, { key: string; iv: string }>;
  readonly closed: Promise<void>;
  appKey: string | null;
  unansweredPings: number;
  queue: Promise<void>;
}

/** What the hub needs from the simulator. */
export interface HubDeps {
  readonly env: SimEnv;
  readonly appKey: string;
  readonly auth: AuthStore;
  readonly market: SimMarket;
  readonly clock: SimClock;
  readonly faults: FaultInjector;
  readonly rng: Rng;
  readonly timers: TimerSet;
  /** HTS IDs that have accounts (a fill-notice tr_key must be one of them). */
  readonly htsIds: () => readonly string[];
}

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** A JSON control answer (ack or refusal) for a subscription message. */
function control(trId: string, trKey: string, rtCd: string, msgCd: string, msg1: string): string {
  return JSON.stringify({
    header: { tr_id: trId, tr_key: trKey, encrypt: "N" },
    body: { rt_cd: rtCd, msg_cd: msgCd, msg1 },
  });
}

/** The KIS WebSocket side: sessions, subscriptions, PINGPONG, realtime frames and encrypted notices. */
export class WsHub {
  #deps: HubDeps;
  #sessions = new Set<Session>();

  /** Creates a hub; call {@link WsHub.handle} for each upgrade request. */
  constructor(deps: HubDeps) {
    this.#deps = deps;
  }

  /** Number of open sessions. */
  get sessionCount(): number {
    return this.#sessions.size;
  }

  /** Each open session's subscriptions, as `trId|trKey`. */
  subscriptions(): string[][] {
    return [...this.#sessions].map((session) => [...session.subscriptions.keys()]);
  }

  /** Starts a KIS session on a new connection (any path; clients use `/tryitout`). */
  accept(socket: SimSocket): SocketHandlers {
    let markClosed = () => {};
    const session: Session = {
      socket,
      subscriptions: new Map(),
      keys: new Map(),
      closed: new Promise((resolve) => markClosed = resolve),
      appKey: null,
      unansweredPings: 0,
      queue: Promise.resolve(),
    };
    this.#sessions.add(session);
    return {
      onText: (text) => this.#onMessage(session, text),
      // OTA's clients answer PINGPONG with a protocol pong (`ws.pong`), others echo the text frame
      onPong: () => {
        session.unansweredPings = 0;
      },
      onClose: () => {
        this.#sessions.delete(session);
        markClosed();
      },
    };
  }

  /** Streams trades and books to subscribers and sends fill notices. */
  publish(events: ExchangeEvents): void {
    if (this.#sessions.size === 0) return;
    this.#publishPrints(events.prints);
    for (const notice of events.notices) this.#sendNotice(notice);
  }

  /** Sends `count` PINGPONG frames to every session; `counted` ones drop sessions that stop answering. */
  ping(count = 1, counted = true): void {
    for (const session of this.#sessions) {
      if (counted && session.unansweredPings >= MAX_UNANSWERED_PINGS) {
        session.socket.close();
        continue;
      }
      if (counted) session.unansweredPings += 1;
      const frame = JSON.stringify({ header: { tr_id: "PINGPONG", datetime: this.#datetime() } });
      for (let i = 0; i < count; i++) this.#send(session, frame);
    }
  }

  /** Closes every session from the server side (the "dropWebSocket" fault). */
  dropAll(): void {
    for (const session of this.#sessions) session.socket.close(1001, "server restart");
  }

  /** Closes every session and waits until each has closed. */
  async close(): Promise<void> {
    const sessions = [...this.#sessions];
    for (const session of sessions) {
      session.socket.close(1001, "simulator stopped");
    }
    await Promise.all(sessions.map((s) => s.queue));
    await Promise.all(sessions.map((s) => s.closed));
  }

  #datetime(): string {
    const now = this.#deps.clock.now();
    return `${kstWallClock(now).compactDate}${kstWallClock(now).compactTime}`;
  }

  #send(session: Session, text: string): void {
    session.socket.send(text);
  }

  #onMessage(session: Session, text: string): void {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      this.#send(
        session,
        control("", "", "9", "OPSP9999", "JSON PARSING ERROR : invalid json format"),
      );
      return;
    }
    const header = (message as { header?: Record<string, unknown> })?.header ?? {};
    if (header.tr_id === "PINGPONG") {
      session.unansweredPings = 0;
      return;
    }
    const input = (message as { body?: { input?: Record<string, unknown> } })?.body?.input ?? {};
    const trId = typeof input.tr_id === "string" ? input.tr_id : "";
    const trKey = typeof input.tr_key === "string" ? input.tr_key : "";
    if (!this.#deps.auth.isApprovalKey(header.approval_key)) {
      this.#send(session, control(trId, trKey, "1", "OPSP0011", "INVALID APPROVAL KEY"));
      return;
    }
    if (session.appKey === null) {
      const taken = [...this.#sessions].some((s) =>
        s !== session && s.appKey === this.#deps.appKey && s.socket.isOpen
      );
      if (taken) {
        this.#send(session, control(trId, trKey, "1", "OPSP8996", "ALREADY IN USE appkey"));
        session.socket.close();
        return;
      }
      session.appKey = this.#deps.appKey;
    }
    if (header.tr_type === "1") this.#subscribe(session, trId, trKey);
    else if (header.tr_type === "2") this.#unsubscribe(session, trId, trKey);
    else {this.#send(
        session,
        control(trId, trKey, "9", "OPSP9999", "JSON PARSING ERROR : invalid tr_type"),
      );}
  }

  #subscribe(session: Session, trId: string, trKey: string): void {
    const noticeTrId = FILL_NOTICE_TR_ID[this.#deps.env];
    const isPrice = PRICE_FEEDS.some((feed) =>
      (feed.trade === trId || feed.book === trId) && (this.#deps.env === "real" || !feed.realOnly)
    );
    if (!isPrice && trId !== noticeTrId) {
      this.#send(session, control(trId, trKey, "1", "OPSP0007", "SUBSCRIBE ERROR : invalid tr_id"));
      return;
    }
    if (isPrice && !this.#deps.market.symbol(trKey)) {
      this.#send(
        session,
        control(trId, trKey, "1", "OPSP0007", "SUBSCRIBE ERROR : invalid tr_key"),
      );
      return;
    }
    if (!isPrice && !this.#deps.htsIds().includes(trKey)) {
      // KIS drops the connection on a fill-notice subscription with a wrong HTS ID
      session.socket.close();
      return;
    }
    const id = `${trId}|${trKey}`;
    if (session.subscriptions.has(id)) {
      this.#send(session, control(trId, trKey, "1", "OPSP0002", "ALREADY IN SUBSCRIBE"));
      return;
    }
    if (session.subscriptions.size >= MAX_REGISTRATIONS) {
      this.#send(session, control(trId, trKey, "1", "OPSP0008", "MAX SUBSCRIBE OVER"));
      return;
    }
    session.subscriptions.set(id, { trId, trKey });
    const keys = session.keys.get(trId) ?? {
      key: this.#deps.rng.chars(32, ALPHANUMERIC),
      iv: this.#deps.rng.chars(16, ALPHANUMERIC),
    };
    session.keys.set(trId, keys);
    const ack = JSON.stringify({
      header: { tr_id: trId, tr_key: trKey, encrypt: isPrice ? "N" : "Y" },
      body: {
        rt_cd: "0",
        msg_cd: "OPSP0000",
        msg1: "SUBSCRIBE SUCCESS",
        output: { iv: keys.iv, key: keys.key },
      },
    });
    this.#send(session, ack);
  }

  #unsubscribe(session: Session, trId: string, trKey: string): void {
    if (!session.subscriptions.delete(`${trId}|${trKey}`)) {
      this.#send(session, control(trId, trKey, "1", "OPSP0003", "UNSUBSCRIBE ERROR(not found!)"));
      return;
    }
    this.#send(session, control(trId, trKey, "0", "OPSP0001", "UNSUBSCRIBE SUCCESS"));
  }

  #subscribers(trId: string, trKey: string): Session[] {
    return [...this.#sessions].filter((s) => s.subscriptions.has(`${trId}|${trKey}`));
  }

  #publishPrints(prints: readonly TradePrint[]): void {
    const market = this.#deps.market;
    const byCode = new Map<string, TradePrint[]>();
    for (const print of prints) {
      if (print.path.date !== market.date) continue;
      const list = byCode.get(print.symbol.code) ?? [];
      list.push(print);
      byCode.set(print.symbol.code, list);
    }
    // One simulated price process feeds every venue's TRs (docs/kis.md: what it does not model)
    for (const [code, list] of byCode) {
      for (const feed of PRICE_FEEDS) this.#publishFeed(feed, code, list);
    }
  }

  #publishFeed(feed: PriceFeed, code: string, all: readonly TradePrint[]): void {
    const market = this.#deps.market;
    // KRX's feed is silent outside KRX's sessions, Nextrade's outside its own
    const venue = feed.venue;
    const list = venue === "both" ? all : all.filter((p) => p.venues.includes(venue));
    const view = venue === "KRX" ? "KRX" : "integrated";
    const tradeSubscribers = this.#subscribers(feed.trade, code);
    if (tradeSubscribers.length > 0) {
      const recent = list.slice(-MAX_STREAMED_PRINTS);
      for (let i = 0; i < recent.length; i += MAX_RECORDS_PER_FRAME) {
        const chunk = recent.slice(i, i + MAX_RECORDS_PER_FRAME);
        const records = chunk.map((p) => tradeRecord(p, view, market.bookAt(code, p.k + 1)));
        const frame = dataFrame(false, feed.trade, records.length, joinRecords(records));
        for (const session of tradeSubscribers) this.#send(session, frame);
      }
    }
    const bookSubscribers = this.#subscribers(feed.book, code);
    const last = list[list.length - 1];
    if (bookSubscribers.length > 0 && last) {
      const record = [
        ...orderBookRecord(
          code,
          last.at,
          market.bookAt(code, last.k + 1),
          barSoFar(last.path, last.k + 1, view)?.volume ?? 0,
        ),
        ...Array.from({ length: feed.bookExtraFields }, () => "0"),
      ];
      const frame = dataFrame(false, feed.book, 1, joinRecords([record]));
      for (const session of bookSubscribers) this.#send(session, frame);
    }
  }

  #sendNotice(notice: SimOrderNotice): void {
    const trId = FILL_NOTICE_TR_ID[this.#deps.env];
    const subscribers = this.#subscribers(trId, notice.account.htsId);
    if (subscribers.length === 0) return;
    const fault = this.#deps.faults.takeNoticeFault();
    const payload = joinRecords([fillNoticeRecord(notice)]);
    for (const session of subscribers) {
      const keys = session.keys.get(trId);
      if (!keys) continue;
      const deliver = async () => {
        const frame = dataFrame(true, trId, 1, await encryptPayload(payload, keys.key, keys.iv));
        this.#send(session, frame);
        if (fault.duplicate) this.#send(session, frame);
      };
      const enqueue = () => {
        session.queue = session.queue.then(deliver);
        this.#deps.timers.track(session.queue);
      };
      if (fault.delayMs > 0) this.#deps.timers.timeout(enqueue, fault.delayMs);
      else enqueue();
    }
  }
}
