import type { SymbolCode } from "../../krx/mod.ts";
import type { BrokerStream, StreamEvent, StreamRequest } from "../types.ts";
import { BrokerError } from "../errors.ts";
import { type KisEnv, TR_IDS, WS_PRICE_TRS } from "./env.ts";
import { EventQueue } from "./event_queue.ts";
import type { Clock } from "./clock.ts";
import type { KisMetricsSink } from "./metrics_sink.ts";
import type { KisWebSocket } from "./ws_client.ts";
import { toOrderBookTick, toOrderNotice, toTradeTick } from "./ws_records.ts";

const SECONDS_PER_DAY = 86_400;

/**
 * Seconds from a trade's `HH:MM:SS` KST stamp to `now` (epoch ms), taken within ±12 h so a stamp
 * just before midnight is not a day late; never negative (KIS's whole seconds, a clock ahead).
 *
 * @example tradeLagSeconds("09:00:01", Date.parse("2026-12-03T00:00:03.500Z")) // 2.5
 */
export function tradeLagSeconds(time: string, now: number): number {
  const [h, m, s] = time.split(":").map(Number) as [number, number, number];
  const stamped = h * 3600 + m * 60 + s;
  const kstSeconds = (((now / 1000 + 9 * 3600) % SECONDS_PER_DAY) + SECONDS_PER_DAY) %
    SECONDS_PER_DAY;
  let lag = kstSeconds - stamped;
  if (lag > SECONDS_PER_DAY / 2) lag -= SECONDS_PER_DAY;
  if (lag < -SECONDS_PER_DAY / 2) lag += SECONDS_PER_DAY;
  return Math.max(0, lag);
}

/** Where a stream reports each trade's lag: the metrics sink, against the broker's clock. */
export interface StreamLagReport {
  readonly clock: Clock;
  readonly metrics: KisMetricsSink;
}

/**
 * Registers the feeds of `request` on the app key's socket and returns them as one stream; records
 * of other streams sharing the socket are filtered out, and the stream ends when the socket is
 * closed. Each trade's lag goes to `lag`'s sink.
 */
export async function openKisStream(
  socket: KisWebSocket,
  env: KisEnv,
  request: StreamRequest,
  htsId: string,
  lag?: StreamLagReport,
): Promise<BrokerStream> {
  const source = request.quoteSource ?? "KRX";
  const { trade: tradeTr, book: bookTr, realOnly } = WS_PRICE_TRS[source];
  const wantsPrices = (request.trades?.length ?? 0) + (request.orderBooks?.length ?? 0) > 0;
  if (realOnly && env === "vts" && wantsPrices) {
    throw new BrokerError(
      "invalid_order",
      `${source} realtime quotes (${tradeTr}, ${bookTr}) are for real accounts only; ` +
        "KIS's mock server offers KRX quotes",
    );
  }
  const noticeTr = TR_IDS.wsOrderNotice[env];
  const trades = new Set<SymbolCode>(request.trades ?? []);
  const books = new Set<SymbolCode>(request.orderBooks ?? []);
  const feeds = [
    ...[...trades].map((code) => ({ trId: tradeTr, trKey: code as string })),
    ...[...books].map((code) => ({ trId: bookTr, trKey: code as string })),
    ...(request.orderNotices ? [{ trId: noticeTr, trKey: htsId }] : []),
  ];
  const queue = new EventQueue<StreamEvent>();
  const stopListening = socket.listen({
    record(trId, fields) {
      try {
        let event: StreamEvent | null = null;
        if (trId === tradeTr && trades.has(fields[0] as SymbolCode)) {
          const tick = toTradeTick(fields);
          lag?.metrics.messageLag(tradeLagSeconds(tick.time, lag.clock.now()));
          event = tick;
        } else if (trId === bookTr && books.has(fields[0] as SymbolCode)) {
          event = toOrderBookTick(fields);
        } else if (trId === noticeTr && request.orderNotices) event = toOrderNotice(fields);
        if (event) queue.push(event);
      } catch (error) {
        queue.fail(error as Error);
      }
    },
    error(error) {
      queue.fail(error);
    },
    closed() {
      queue.end();
    },
  });
  const subscribed: typeof feeds = [];
  const release = async () => {
    stopListening();
    for (const feed of subscribed) await socket.unsubscribe(feed.trId, feed.trKey);
  };
  try {
    for (const feed of feeds) {
      await socket.subscribe(feed.trId, feed.trKey);
      subscribed.push(feed);
    }
  } catch (error) {
    await release();
    throw error;
  }
  let closing: Promise<void> | null = null;
  return {
    [Symbol.asyncIterator]: () => queue[Symbol.asyncIterator](),
    // Every caller waits for the same release, so none closes the socket or the KV store under a
    // release still unsubscribing.
    close() {
      closing ??= (() => {
        queue.end();
        return release();
      })();
      return closing;
    },
  };
}
