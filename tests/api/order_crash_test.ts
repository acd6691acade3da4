import assert from "node:assert/strict";
import { brokerOn, startSharedSimulator } from "../_support/shared_sim.ts";
import { dirname, join } from "node:path";
import { parseSymbolCode } from "@/core/krx/mod.ts";
import { openStore } from "@/core/store/mod.ts";
import { PROJECT_ROOT } from "../cli/_task.ts";
import { expectJson } from "./_api.ts";

const SERVER = new URL("./_api_server.ts", import.meta.url).pathname;
/** Short, so an intent the killed process left is resolved within the test. */
const HORIZON_MS = 1_500;

/** A running API process: its port and the lines it printed. */
interface ApiProcess {
  readonly port: number;
  /** Resolves with the first line starting with `prefix`. */
  line(prefix: string): Promise<string>;
  kill(): Promise<void>;
}

async function startApi(env: Record<string, string>): Promise<ApiProcess> {
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-net=127.0.0.1",
      "--allow-env",
      "--allow-read",
      `--allow-write=${dirname(env.API_KV_PATH!)}`,
      SERVER,
    ],
    cwd: PROJECT_ROOT,
    env,
    stdout: "piped",
    stderr: "null",
  }).spawn();
  const lines: string[] = [];
  const waiting: { prefix: string; resolve: (line: string) => void }[] = [];
  (async () => {
    let rest = "";
    for await (const chunk of child.stdout.pipeThrough(new TextDecoderStream())) {
      const parts = (rest + chunk).split("\n");
      rest = parts.pop()!;
      for (const line of parts) {
        lines.push(line);
        for (const w of waiting.filter((w) => line.startsWith(w.prefix))) w.resolve(line);
      }
    }
  })();
  const line = (prefix: string) =>
    new Promise<string>((resolve) => {
      const seen = lines.find((l) => l.startsWith(prefix));
      if (seen !== undefined) resolve(seen);
      else waiting.push({ prefix, resolve });
    });
  const port = Number((await line("listening ")).split(" ")[1]);
  return {
    port,
    line,
    async kill() {
      child.kill("SIGKILL");
      await child.status;
    },
  };
}

Deno.test("an API process SIGKILLed mid-order: the retried Idempotency-Key finds the one order", async (t) => {
  const dir = await Deno.makeTempDir();
  const path = join(dir, "api.kv");
  await using rig = await startSharedSimulator(7);
  const { sim, now } = rig;
  const crashSim = rig.shared;
  const env = {
    API_KV_PATH: path,
    API_SIM: JSON.stringify(crashSim),
    API_HORIZON_MS: String(HORIZON_MS),
    NO_COLOR: "1",
  };
  // migrations and the token are done once here, so no process is killed holding either
  {
    using store = await openStore({ path, now });
    const broker = brokerOn(rig.shared, store.kv);
    await broker.getQuote(parseSymbolCode("005930"));
    await broker.close();
  }
  const newOrders = (quantity: number) =>
    sim.market.orders().filter((o) => o.action === "new" && o.qty === quantity);
  /** POSTs the order with `key` to `api`; a killed process answers nothing. */
  const post = (api: ApiProcess, key: string, quantity: number) =>
    fetch(`http://127.0.0.1:${api.port}/api/v1/orders`, {
      method: "POST",
      headers: { "content-type": "application/json", "Idempotency-Key": key },
      body: JSON.stringify({ symbol: "005930", side: "buy", type: "market", quantity }),
    });
  /** Starts a process paused at `point`, sends the order, kills the process there. */
  const killAt = async (point: string, key: string, quantity: number) => {
    const api = await startApi({ ...env, API_PAUSE_AT: point });
    const answer = post(api, key, quantity).then(() => "answered", () => "no answer");
    await api.line(`paused ${point}`);
    await api.kill();
    assert.equal(await answer, "no answer");
  };

  try {
    await t.step(
      "killed after the broker accepted: the retry answers 200 with that order",
      async () => {
        await killAt("after_ack", "crash-ack", 7);
        assert.equal(newOrders(7).length, 1, "the order reached the simulator");
        const api = await startApi(env);
        try {
          const { order } = await expectJson<{ order: Record<string, unknown> }>(
            await post(api, "crash-ack", 7),
            200,
          );
          const [placed] = newOrders(7);
          assert.equal(order.status, "filled", "reconciled with the broker's record");
          assert.equal((order.ref as { orderNo: string }).orderNo, placed!.odno);
          assert.equal(newOrders(7).length, 1, "and not sent again");
        } finally {
          await api.kill();
        }
      },
    );

    await t.step("killed before the broker call: placed once, after the horizon", async () => {
      await killAt("after_intent", "crash-intent", 9);
      assert.equal(newOrders(9).length, 0);
      const api = await startApi(env);
      try {
        const early = await expectJson<{ order: { id: string; status: string } }>(
          await post(api, "crash-intent", 9),
          200,
        );
        assert.equal(early.order.status, "intent", "within the horizon it may still arrive");
        assert.equal(newOrders(9).length, 0);
        await new Promise((resolve) => setTimeout(resolve, HORIZON_MS + 100));
        const placed = await expectJson<{ order: { id: string; replaces: string } }>(
          await post(api, "crash-intent", 9),
          201,
        );
        assert.equal(placed.order.replaces, early.order.id);
        const again = await expectJson<{ order: { id: string } }>(
          await post(api, "crash-intent", 9),
          200,
        );
        assert.equal(again.order.id, placed.order.id);
        assert.equal(newOrders(9).length, 1, "exactly one order at the simulator");
      } finally {
        await api.kill();
      }
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
