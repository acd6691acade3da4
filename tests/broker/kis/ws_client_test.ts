import assert from "node:assert/strict";
import { encryptAes } from "../../_support/aes.ts";
import { BrokerError, type StreamEvent } from "../../../core/broker/mod.ts";
import { KisBroker, type KisSocketStatus } from "../../../core/broker/kis/mod.ts";
import { parseSymbolCode } from "../../../core/krx/mod.ts";

const AES_KEY = "0123456789abcdef0123456789ABCDEF";
const AES_IV = "fedcba9876543210";

function trade(code: string, price: number): string {
  const fields = Array.from({ length: 46 }, () => "0");
  fields[0] = code;
  fields[1] = "093000";
  fields[2] = String(price);
  fields[12] = "1";
  return fields.join("^");
}

async function encryptedNotice(): Promise<string> {
  const fields = Array.from({ length: 26 }, () => "");
  Object.assign(fields, { 1: "5012345601", 2: "0000000007", 4: "02", 8: "005930" });
  Object.assign(fields, { 9: "2", 10: "71000", 11: "093001", 12: "0", 13: "2", 16: "5" });
  return await encryptAes(fields.join("^"), AES_KEY, AES_IV);
}

/** A loopback KIS WebSocket peer: approval endpoint, acks with AES keys, and a log per socket. */
function socketPeer() {
  const sockets: WebSocket[] = [];
  const received: string[][] = [];
  const waiters: { test: () => boolean; resolve: () => void }[] = [];
  const notify = () => {
    for (const waiter of [...waiters]) {
      if (waiter.test()) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  };
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (request) => {
    const path = new URL(request.url).pathname;
    if (path === "/oauth2/Approval") return Response.json({ approval_key: "approval-test" });
    if (path !== "/tryitout") return new Response("not found", { status: 404 });
    const { socket, response } = Deno.upgradeWebSocket(request);
    const log: string[] = [];
    sockets.push(socket);
    received.push(log);
    socket.onmessage = (event) => {
      const text = String(event.data);
      log.push(text);
      const message = JSON.parse(text);
      const input = message.body?.input;
      if (input && message.header.tr_type === "1") {
        socket.send(JSON.stringify({
          header: { tr_id: input.tr_id, tr_key: input.tr_key, encrypt: "N" },
          body: {
            rt_cd: "0",
            msg_cd: "OPSP0000",
            msg1: "SUBSCRIBE SUCCESS",
            output: { iv: AES_IV, key: AES_KEY },
          },
        }));
      }
      notify();
    };
    return response;
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    wsUrl: `ws://127.0.0.1:${server.addr.port}`,
    sockets,
    received,
    until(test: () => boolean): Promise<void> {
      if (test()) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ test, resolve }));
    },
    close: () => server.shutdown(),
  };
}

async function take(iterator: AsyncIterator<StreamEvent>, n: number): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  while (events.length < n) {
    const next = await iterator.next();
    if (next.done) break;
    events.push(next.value);
  }
  return events;
}

Deno.test("the realtime stream splits, decrypts, echoes PINGPONG and survives a reconnect", async (t) => {
  using kv = await Deno.openKv(":memory:");
  const peer = socketPeer();
  const statuses: KisSocketStatus[] = [];
  let resubscribed!: () => void;
  const resubscribedOnce = new Promise<void>((resolve) => resubscribed = resolve);
  const broker = new KisBroker({
    env: "real",
    credentials: { appKey: "PSwsTestKey", appSecret: "secret" },
    account: "50123456-01",
    htsId: "hts_user",
    kv,
    restUrl: peer.url,
    wsUrl: peer.wsUrl,
    requestsPerSecond: 1000,
    reconnectInitialMs: 10,
    onSocketStatus: (status) => {
      statuses.push(status);
      if (status === "resubscribed") resubscribed();
    },
  });
  const samsung = parseSymbolCode("005930");
  const hynix = parseSymbolCode("000660");
  const stream = await broker.stream({ trades: [samsung, hynix], orderNotices: true });
  const events = stream[Symbol.asyncIterator]();
  try {
    await t.step("every feed is registered once with tr_type 1", () => {
      const subscribed = peer.received[0]!.map((text) => JSON.parse(text).body.input);
      assert.deepEqual(subscribed, [
        { tr_id: "H0STCNT0", tr_key: "005930" },
        { tr_id: "H0STCNT0", tr_key: "000660" },
        { tr_id: "H0STCNI0", tr_key: "hts_user" },
      ]);
    });

    await t.step("a two-record frame gives two trades and a fill notice decrypts", async () => {
      const socket = peer.sockets[0]!;
      socket.send(`0|H0STCNT0|002|${trade("005930", 71000)}^${trade("000660", 180500)}`);
      socket.send(`1|H0STCNI0|001|${await encryptedNotice()}`);
      const [first, second, notice] = await take(events, 3);
      assert.deepEqual([first?.type, first?.symbol], ["trade", "005930"]);
      assert.equal(first?.type === "trade" && first.price, 71000);
      assert.equal(second?.type === "trade" && second.price, 180500);
      assert.equal(notice?.type, "order_notice");
      if (notice?.type !== "order_notice") return;
      assert.equal(notice.event, "fill");
      assert.equal(notice.quantity, 2);
      assert.equal(notice.price, 71000);
      assert.equal(notice.orderNo, "0000000007");
    });

    await t.step("PINGPONG comes back verbatim", async () => {
      const ping = '{"header":{"tr_id":"PINGPONG","datetime":"20261127093000"}}';
      peer.sockets[0]!.send(ping);
      await peer.until(() => peer.received[0]!.includes(ping));
    });

    await t.step("after the server drops the socket every feed is registered again", async () => {
      peer.sockets[0]!.close();
      await resubscribedOnce;
      const again = peer.received[1]!.map((text) => JSON.parse(text).body.input.tr_key).sort();
      assert.deepEqual(again, ["000660", "005930", "hts_user"]);
      peer.sockets[1]!.send(`0|H0STCNT0|001|${trade("005930", 71100)}`);
      const [next] = await take(events, 1);
      assert.equal(next?.type === "trade" && next.price, 71100);
      assert.deepEqual(statuses, ["open", "open", "resubscribed"]);
    });

    await t.step("a record for a symbol this stream did not ask for is not delivered", async () => {
      peer.sockets[1]!.send(`0|H0STCNT0|002|${trade("035420", 200000)}^${trade("005930", 71200)}`);
      const [next] = await take(events, 1);
      assert.equal(next?.symbol, "005930");
    });
  } finally {
    await stream.close();
    await broker.close();
    await peer.close();
  }
});

Deno.test("the 42nd registration is refused before anything is sent", async () => {
  using kv = await Deno.openKv(":memory:");
  const peer = socketPeer();
  const broker = new KisBroker({
    env: "real",
    credentials: { appKey: "PScapTestKey", appSecret: "secret" },
    account: "50123456-01",
    kv,
    restUrl: peer.url,
    wsUrl: peer.wsUrl,
    requestsPerSecond: 1000,
  });
  const codes = Array.from({ length: 41 }, (_, i) => parseSymbolCode(String(100000 + i)));
  const full = await broker.stream({ trades: codes });
  try {
    const error = await broker.stream({ trades: [parseSymbolCode("005930")] }).catch((e) => e);
    assert.ok(error instanceof BrokerError);
    assert.equal(error.category, "rate");
    assert.match(error.message, /41 realtime registrations/);
    assert.equal(peer.received[0]!.length, 41);
  } finally {
    await full.close();
    await broker.close();
    await peer.close();
  }
});

Deno.test("a second socket for the same app key in one process is refused", async () => {
  using kv = await Deno.openKv(":memory:");
  const peer = socketPeer();
  const options = {
    env: "real" as const,
    credentials: { appKey: "PSoneSocketKey", appSecret: "secret" },
    account: "50123456-01",
    kv,
    restUrl: peer.url,
    wsUrl: peer.wsUrl,
    requestsPerSecond: 1000,
  };
  const first = new KisBroker(options);
  const second = new KisBroker(options);
  const stream = await first.stream({ trades: [parseSymbolCode("005930")] });
  try {
    await assert.rejects(
      () => second.stream({ trades: [parseSymbolCode("000660")] }),
      /one per app key/,
    );
  } finally {
    await stream.close();
    await first.close();
    await second.close();
    await peer.close();
  }
});
