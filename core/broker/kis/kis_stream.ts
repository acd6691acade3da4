import type { SymbolCode } from "../../krx/mod.ts";
import type { BrokerStream, StreamEvent, StreamRequest } from "../types.ts";
import { BrokerError } from "../errors.ts";
import { type KisEnv, TR_IDS, WS_PRICE_TRS } from "./env.ts";
import { EventQueue } from "./event_queue.ts";
import type { KisWebSocket } from "./ws_client.ts";
import { toOrderBookTick, toOrderNotice, toTradeTick } from "./ws_records.ts";

/**
 * Registers the feeds of `request` on the app key's socket and returns them as one stream; records
 * of other streams sharing the socket are filtered out.
 */
export async function openKisStream(
  socket: KisWebSocket,
  env: KisEnv,
  request: StreamRequest,
  htsId: string,
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
        if (trId === tradeTr && trades.has(fields[0] as SymbolCode)) event = toTradeTick(fields);
        else if (trId === bookTr && books.has(fields[0] as SymbolCode)) {
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
