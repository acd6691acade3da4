import assert from "node:assert/strict";
import { appKeyId } from "@/core/broker/kis/kv_keys.ts";
import { startSimulator } from "@/core/kis-sim/mod.ts";
import { openStore } from "@/core/store/mod.ts";
import { PROJECT_ROOT, removeKv, startAppServer, tempKvPath } from "../e2e/_app_server.ts";

/** Random text of `length` characters from `[A-Za-z0-9_-]`, so every run's secrets are new. */
function randomText(length: number): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
}

/**
 * A loopback stand-in for a webhook receiver and Telegram's Bot API, recording each request. The
 * first request of each answers 502 with an error page quoting the request line, as a proxy in
 * front of a receiver does: the channels log that text as the failure's reason, secrets and all,
 * unless the log's redaction removes them.
 */
function startReceiver() {
  const requests: { path: string; body: string }[] = [];
  const failedOnce = new Set<string>();
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    const url = new URL(req.url);
    requests.push({ path: url.pathname, body: await req.text() });
    const service = url.pathname.split("/")[1]!;
    if (!failedOnce.has(service)) {
      failedOnce.add(service);
      return new Response(`502 Bad Gateway: ${req.method} ${url.pathname}${url.search}`, {
        status: 502,
      });
    }
    return Response.json({ ok: true, result: { message_id: requests.length } });
  });
  return { url: `http://127.0.0.1:${server.addr.port}`, requests, server };
}

/** Resolves once `condition` holds; fails naming `what` after `ms`. */
async function waitFor(condition: () => boolean, what: string, ms = 45_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

Deno.test("no secret, and no token the app issues or receives, reaches stdout or stderr", async () => {
  await using sim = await startSimulator();
  const receiver = startReceiver();
  const kvPath = tempKvPath();
  const webhookToken = randomText(32);
  const secrets = {
    ADMIN_PASSWORD: `admin-${randomText(24)}`,
    JWT_SECRET: randomText(48),
    NOTIFY_WEBHOOK_URL: `${receiver.url}/hook/${webhookToken}?token=${randomText(24)}`,
    NOTIFY_WEBHOOK_SECRET: randomText(32),
    TELEGRAM_BOT_TOKEN: `${1_000_000 + Math.floor(Math.random() * 9e8)}:${randomText(35)}`,
    KIS_APP_KEY: sim.credentials.appKey,
    KIS_APP_SECRET: sim.credentials.appSecret,
    METRICS_TOKEN: randomText(40),
  };
  const server = await startAppServer({
    ...secrets,
    KV_PATH: kvPath,
    LOG_LEVEL: "debug",
    TELEGRAM_CHAT_ID: "424242",
    TELEGRAM_API_URL: `${receiver.url}/tg`,
    KIS_ACCOUNT: sim.credentials.account,
    KIS_ENV: sim.env,
    KIS_REST_URL: sim.restUrl,
    KIS_WS_URL: sim.wsUrl,
  });
  const issued: Record<string, string> = {};
  try {
    const login = (password: string) =>
      fetch(`${server.url}/api/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: "admin", password, refreshIn: "body" }),
      });
    const failed = await login(`${secrets.ADMIN_PASSWORD}-typo`);
    assert.equal(failed.status, 401);
    await failed.body?.cancel();
    // the password typed as the user name: a slip that must not land in a log line either
    const slipped = await fetch(`${server.url}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: secrets.ADMIN_PASSWORD, password: "x" }),
    });
    assert.equal(slipped.status, 401);
    await slipped.body?.cancel();

    const signedIn = await login(secrets.ADMIN_PASSWORD);
    assert.equal(signedIn.status, 200);
    const first = await signedIn.json() as { accessToken: string; refreshToken: string };
    const refreshed = await fetch(`${server.url}/api/v1/auth/refresh`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ refreshToken: first.refreshToken }),
    });
    assert.equal(refreshed.status, 200);
    const second = await refreshed.json() as { accessToken: string; refreshToken: string };
    Object.assign(issued, {
      accessToken: first.accessToken,
      refreshToken: first.refreshToken,
      rotatedAccessToken: second.accessToken,
      rotatedRefreshToken: second.refreshToken,
    });
    const headers = { authorization: `Bearer ${second.accessToken}` };

    // a quote needs KIS's access token: the app issues one at the stand-in
    const quote = await fetch(`${server.url}/api/v1/quotes/005930`, { headers });
    assert.equal(quote.status, 200);
    await quote.body?.cancel();
    const metrics = await fetch(`${server.url}/metrics`, {
      headers: { authorization: `Bearer ${secrets.METRICS_TOKEN}` },
    });
    assert.equal(metrics.status, 200);
    await metrics.body?.cancel();
    const refused = await fetch(`${server.url}/metrics`, {
      headers: { authorization: `Bearer ${secrets.METRICS_TOKEN}x` },
    });
    assert.equal(refused.status, 401);
    await refused.body?.cancel();

    // an alert that fires at the first trade: its notification goes to both channels
    const alert = await fetch(`${server.url}/api/v1/alerts`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ symbol: "005930", rule: { kind: "price_above", price: 1 } }),
    });
    assert.equal(alert.status, 201, await alert.clone().text());
    await alert.body?.cancel();
    const delivered = (prefix: string) =>
      receiver.requests.filter((request) => request.path.startsWith(prefix)).length;
    await waitFor(() => delivered("/tg/") >= 2, "the Telegram delivery's retry");
    await waitFor(() => delivered("/hook/") >= 2, "the webhook delivery's retry");
  } finally {
    assert.equal((await server.stop()).code, 0);
    await receiver.server.shutdown();
  }
  try {
    using store = await openStore({ path: `${PROJECT_ROOT}/${kvPath}` });
    const cached = await store.kv.get<{ accessToken: string }>([
      "kis",
      "token",
      await appKeyId(secrets.KIS_APP_KEY),
    ]);
    assert.ok(cached.value?.accessToken, "the app issued and cached a KIS access token");
    issued.kisAccessToken = cached.value.accessToken;
  } finally {
    await removeKv(kvPath);
  }

  const output = server.logs.join("\n");
  assert.match(output, /"msg":"listening"/, "the server's lines were captured");
  for (const channel of ["webhook", "telegram"]) {
    assert.match(
      output,
      new RegExp(`"msg":"notification retrying".*"channel":"${channel}".*502 Bad Gateway: POST`),
      `the ${channel} failure was logged with the proxy's page`,
    );
  }
  const leaks = Object.entries({ ...secrets, ...issued })
    .filter(([, value]) => output.includes(value))
    .map(([name]) => name);
  // the webhook URL's token, and the Telegram token's secret half, on their own
  const parts = {
    "the webhook URL's path token": webhookToken,
    "the bot token's secret": secrets.TELEGRAM_BOT_TOKEN.split(":")[1]!,
  };
  leaks.push(...Object.entries(parts).filter(([, part]) => output.includes(part)).map(([n]) => n));
  assert.deepEqual(leaks, [], `secrets in the logs:\n${output}`);
});
