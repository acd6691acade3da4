import assert from "node:assert/strict";
import { join } from "node:path";
import { KvJobStatusStore } from "@/core/jobs/mod.ts";
import { writeLivePrices } from "@/core/live/price_record.ts";
import { openStore } from "@/core/store/mod.ts";
import { setKillSwitch } from "@/core/trading/mod.ts";
import { within } from "../broker/kis/_e2e.ts";
import { apiAs, expectError, sendJson } from "./_api.ts";

/** One parsed server-sent event, or a comment line. */
interface Sse {
  readonly event?: string;
  readonly id?: string;
  readonly data?: string;
  readonly comment?: string;
}

/** Reads server-sent events from a real HTTP response body, one block at a time. */
class SseReader {
  readonly #reader: ReadableStreamDefaultReader<string>;
  #buffer = "";

  constructor(res: Response) {
    this.#reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  }

  /** The next block that matches `wanted`, skipping the others (guarded against a hang). */
  next(wanted: (sse: Sse) => boolean): Promise<Sse> {
    return within(
      (async () => {
        for (;;) {
          const end = this.#buffer.indexOf("\n\n");
          if (end >= 0) {
            const block = this.#buffer.slice(0, end);
            this.#buffer = this.#buffer.slice(end + 2);
            const sse = parse(block);
            if (wanted(sse)) return sse;
            continue;
          }
          const chunk = await this.#reader.read();
          if (chunk.done) throw new Error("the stream ended");
          this.#buffer += chunk.value;
        }
      })(),
      "the awaited event",
    );
  }

  cancel(): Promise<void> {
    return this.#reader.cancel();
  }
}

function parse(block: string): Sse {
  const out: Record<string, string> = {};
  for (const line of block.split("\n")) {
    if (line.startsWith(":")) out.comment = line.slice(1).trim();
    const at = line.indexOf(": ");
    if (at > 0) out[line.slice(0, at)] = line.slice(at + 2);
  }
  return out;
}

Deno.test("GET /events streams kill-switch changes and job runs, and resumes after Last-Event-ID", async () => {
  const dir = await Deno.makeTempDir();
  const path = join(dir, "events.kv");
  using store = await openStore({ path });
  // another process's handle on the same file: what it writes reaches the stream through KV
  using other = await openStore({ path });
  const app = apiAs("viewer", { store, events: { pollMs: 20, heartbeatMs: 100 } });
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, app.fetch);
  const url = `http://127.0.0.1:${server.addr.port}/api/v1/events`;
  try {
    const first = new SseReader(await fetch(url));
    await first.next((e) => e.event === "ready");
    await setKillSwitch(other, { on: true, reason: "halt", by: "kim" });
    const on = await first.next((e) => e.event === "kill_switch");
    assert.ok(on.id, "an audit event carries its id");
    assert.equal(JSON.parse(on.data!).action, "kill_switch_on");

    await new KvJobStatusStore(other.kv).record({
      name: "reconcile",
      state: "running",
      startedAt: 7,
    });
    const job = await first.next((e) => e.event === "job");
    assert.deepEqual(JSON.parse(job.data!), { name: "reconcile", state: "running", startedAt: 7 });
    assert.equal(job.id, undefined, "job runs are live only");
    const beat = await first.next((e) => e.comment !== undefined);
    assert.equal(beat.comment, "heartbeat");
    await first.cancel();

    // missed while disconnected
    await setKillSwitch(other, { on: false, reason: "resume", by: "kim" });
    const resumed = new SseReader(await fetch(url, { headers: { "Last-Event-ID": on.id } }));
    const off = await resumed.next((e) => e.event === "kill_switch");
    assert.equal(JSON.parse(off.data!).action, "kill_switch_off", "the first event after the id");
    assert.ok(off.id! > on.id);
    await resumed.cancel();
  } finally {
    await server.shutdown();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("GET /events streams the latest price records as quote events without an id, all of them on (re)connect", async () => {
  const dir = await Deno.makeTempDir();
  const path = join(dir, "quotes.kv");
  using store = await openStore({ path });
  // the worker's handle on the same file writes the records
  using worker = await openStore({ path });
  await writeLivePrices(worker.kv, [{ symbol: "005930", price: 70_000, change: 100, at: 1 }]);
  const app = apiAs("viewer", { store, events: { pollMs: 20, heartbeatMs: 60_000 } });
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, app.fetch);
  const url = `http://127.0.0.1:${server.addr.port}/api/v1/events`;
  try {
    const first = new SseReader(await fetch(url));
    const current = await first.next((e) => e.event === "quote");
    assert.deepEqual(JSON.parse(current.data!), {
      symbol: "005930",
      price: 70_000,
      change: 100,
      at: 1,
    });
    assert.equal(current.id, undefined, "a quote is live only: the latest price wins");
    await writeLivePrices(worker.kv, [{ symbol: "005930", price: 70_100, change: 200, at: 2 }]);
    const moved = await first.next((e) => e.event === "quote");
    assert.equal(JSON.parse(moved.data!).price, 70_100, "only the change, not the old price again");
    await setKillSwitch(worker, { on: true, reason: "halt", by: "kim" });
    const on = await first.next((e) => e.event === "kill_switch");
    await first.cancel();

    await writeLivePrices(worker.kv, [{ symbol: "005930", price: 69_900, change: 0, at: 3 }]);
    const again = new SseReader(await fetch(url, { headers: { "Last-Event-ID": on.id! } }));
    const latest = await again.next((e) => e.event === "quote");
    assert.equal(JSON.parse(latest.data!).price, 69_900, "a reconnect starts from the latest");
    await again.cancel();
  } finally {
    await server.shutdown();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("GET /events sends changes made through the API, with their principal", async () => {
  using store = await openStore({ path: ":memory:" });
  const account = { id: "50123456-01", label: "test" };
  const app = apiAs("trader", { store, account, events: { pollMs: 20 } });
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, app.fetch);
  try {
    const reader = new SseReader(
      await fetch(`http://127.0.0.1:${server.addr.port}/api/v1/events`),
    );
    await reader.next((e) => e.event === "ready");
    await sendJson(app, "POST", "/api/v1/alerts", {
      symbol: "005930",
      rule: { kind: "price_above", price: 90_000 },
    });
    await sendJson(app, "PUT", "/api/v1/kill-switch", { on: true, reason: "via the API" });
    const alert = await reader.next((e) => e.event === "alert");
    assert.equal(JSON.parse(alert.data!).action, "created");
    const event = await reader.next((e) => e.event === "kill_switch");
    assert.equal(JSON.parse(event.data!).data.by, "trader-kim");
    await reader.cancel();
  } finally {
    await server.shutdown();
  }
});

Deno.test("GET /events refuses a Last-Event-ID it never sent, and answers 503 without a store", async () => {
  using store = await openStore({ path: ":memory:" });
  const bad = await expectError(
    await apiAs("viewer", { store }).request("/api/v1/events", {
      headers: { "Last-Event-ID": "not-an-id" },
    }),
    400,
  );
  assert.equal(bad.code, "validation_failed");
  await expectError(await apiAs("viewer").request("/api/v1/events"), 503);
});
