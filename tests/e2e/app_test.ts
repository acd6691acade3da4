// The tests that start main.ts share this file, so they run one after another: each rebuilds
// the island bundles in _fresh/, which two processes cannot do at once.
import assert from "node:assert/strict";
import { AlertRepository } from "@/core/alerts/repository.ts";
import { startSimulator } from "@/core/kis-sim/mod.ts";
import { isOnTick } from "@/core/krx/mod.ts";
import { openStore } from "@/core/store/mod.ts";
import { listSignals, listStrategyConfigs, OrderRepository } from "@/core/trading/mod.ts";
import {
  adminHeaders,
  E2E_ADMIN_PASSWORD,
  PROJECT_ROOT,
  removeKv,
  serveArgs,
  startAppServer,
  tempKvPath,
} from "./_app_server.ts";
import { browserTestsEnabled, launchChromium } from "./_browser.ts";
import { sessionCookie, signInState } from "./_sign_in.ts";

Deno.test("the app serves its pages, API and assets over HTTP", async (t) => {
  const server = await startAppServer();
  let cookie = "";
  const get = (path: string, init: { headers?: Record<string, string> } = {}) =>
    fetch(server.url + path, { headers: { cookie, ...init.headers } });
  try {
    cookie = await sessionCookie(server.url);
    await t.step("/ is the portfolio, with islands and hashed bundles only", async () => {
      const res = await get("/");
      assert.equal(res.status, 200);
      assert.equal(res.headers.get("content-type"), "text/html; charset=utf-8");
      const html = await res.text();
      assert.match(html, /<html lang="ko" class="colors-red-up">/);
      assert.match(html, /<h1>포트폴리오<\/h1>/);
      for (const name of ["MarketClock", "AllocationChart"]) {
        assert.match(html, new RegExp(`<!--frsh:island:${name}:\\d+-->`));
      }
      const sources = [...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]!);
      assert.equal(sources.length, 1);
      assert.match(sources[0]!, /^\/_fresh\/js\/boot-[0-9a-f]{12}\.js$/);
      const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map((m) => m[1]);
      assert.deepEqual(
        inline,
        [' id="__FRSH_STATE" type="application/json"'],
        "no inline executable script",
      );
    });

    await t.step("/about has no island and no <script", async () => {
      const res = await get("/about");
      assert.equal(res.status, 200);
      const html = await res.text();
      assert.match(html, /시스템/);
      assert.doesNotMatch(html, /<script/i);
    });

    await t.step("/api/v1/health/live answers JSON through the Hono app", async () => {
      const res = await get("/api/v1/health/live");
      assert.equal(res.status, 200);
      assert.match(res.headers.get("content-type") ?? "", /^application\/json/);
      const body = await res.json() as { status: string; version: string };
      assert.equal(body.status, "ok");
      assert.match(body.version, /^\d+\.\d+\.\d+$/);
      const unknown = await get("/api/v1/nope");
      assert.equal(unknown.status, 404);
      assert.equal(((await unknown.json()) as { error: { code: string } }).error.code, "not_found");
    });

    await t.step("an unknown page is the 404 page", async () => {
      const res = await get("/does/not/exist");
      assert.equal(res.status, 404);
      assert.match(await res.text(), /페이지를 찾을 수 없습니다/);
    });

    await t.step("security headers are on every response", async () => {
      const res = await get("/about");
      assert.equal(res.headers.get("x-content-type-options"), "nosniff");
      assert.equal(res.headers.get("x-frame-options"), "SAMEORIGIN");
      await res.body?.cancel();
    });

    await t.step("the JavaScript of / goes out brotli-compressed, with Vary", async () => {
      const html = await (await get("/")).text();
      const urls = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)].map((m) =>
        m[1]!
      );
      const boot = await (await get(urls[0]!)).text();
      const chunks = [...boot.matchAll(/from"\.\/(chunk-[\w-]+\.js)"/g)].map((m) =>
        `/_fresh/js/${m[1]}`
      );
      assert.ok(chunks.length > 0, "the boot module imports shared chunks");
      let sent = 0;
      let original = 0;
      for (const url of [...urls, ...chunks]) {
        const res = await get(url, { headers: { "accept-encoding": "gzip, deflate, br" } });
        const size = (await res.arrayBuffer()).byteLength;
        original += size;
        // Entries of a few hundred bytes are not worth compressing and go out as they are.
        if (size >= 512) assert.equal(res.headers.get("content-encoding"), "br", url);
        assert.equal(res.headers.get("vary"), "Accept-Encoding", url);
        sent += Number(res.headers.get("content-length"));
      }
      assert.ok(sent < original / 2.5, `${sent} bytes sent for ${original} bytes of JavaScript`);
      const page = await get("/", { headers: { "accept-encoding": "gzip" } });
      assert.equal(page.headers.get("content-encoding"), "gzip");
      await page.body?.cancel();
    });

    await t.step("error pages carry the security headers too", async () => {
      const res = await get("/does/not/exist");
      assert.equal(res.status, 404);
      assert.equal(res.headers.get("x-content-type-options"), "nosniff");
      await res.body?.cancel();
    });

    await t.step("/about says only what the app does today", async () => {
      const html = await (await get("/about")).text();
      assert.doesNotMatch(html, /내장 시뮬레이터와 거래합니다/);
      assert.match(html, /deno task sim/);
    });

    await t.step("the stylesheet is served with an ETag and revalidates to 304", async () => {
      const res = await get("/styles.css");
      assert.equal(res.status, 200);
      assert.match(res.headers.get("content-type") ?? "", /^text\/css/);
      const etag = res.headers.get("etag")!;
      await res.body?.cancel();
      const again = await get("/styles.css", { headers: { "if-none-match": etag } });
      assert.equal(again.status, 304);
      await again.body?.cancel();
    });
  } finally {
    await server.stop();
  }
});

Deno.test({
  name: "islands hydrate in Chromium: the allocation doughnut draws and nothing is duplicated",
  ignore: !browserTestsEnabled(),
  async fn(t) {
    const server = await startAppServer();
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ storageState: await signInState(browser, server.url) });
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      page.on("console", (message) => {
        if (message.type() === "error") errors.push(message.text());
      });
      await page.goto(`${server.url}/`);

      await t.step("the islands hydrate", async () => {
        await page.waitForSelector("html[data-islands=ready]");
      });

      await t.step("chart.js drew on the canvas", async () => {
        const painted = await page.evaluate(() => {
          const canvas = document.querySelector("canvas")!;
          const pixels =
            canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
          let count = 0;
          for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) count++;
          return count;
        });
        assert.ok(painted > 50, `expected a drawn doughnut, got ${painted} painted pixels`);
      });

      await t.step("hydration duplicated no nodes and raised no errors", async () => {
        assert.equal(await page.locator("canvas").count(), 1);
        assert.equal(await page.locator('[data-testid="market-clock"]').count(), 1);
        assert.deepEqual(errors, []);
      });
    } finally {
      await browser.close();
      await server.stop();
    }
  },
});

Deno.test({
  name: "the logo stays on one line and nothing overflows at 390 px and 1280 px",
  ignore: !browserTestsEnabled(),
  async fn(t) {
    const server = await startAppServer();
    const browser = await launchChromium();
    try {
      for (const width of [390, 1280]) {
        await t.step(`${width} px`, async () => {
          const page = await browser.newPage({ viewport: { width, height: 800 } });
          await page.goto(`${server.url}/`);
          const layout = await page.evaluate(() => {
            const rects = (selector: string) => {
              const range = document.createRange();
              range.selectNodeContents(document.querySelector(selector)!);
              return [...range.getClientRects()];
            };
            const mark = rects(".brand-mark");
            const sub = rects(".brand-sub");
            return {
              markLines: new Set(mark.map((r) => Math.round(r.top))).size,
              subLines: new Set(sub.map((r) => Math.round(r.top))).size,
              sameLine: sub[0]!.top < mark[0]!.bottom && sub[0]!.left > mark[0]!.right,
              scrollWidth: document.documentElement.scrollWidth,
            };
          });
          assert.deepEqual(
            [layout.markLines, layout.subLines, layout.sameLine],
            [1, 1, true],
            "여의도 and Yeouido each on one line, side by side",
          );
          assert.ok(layout.scrollWidth <= width, `page is ${layout.scrollWidth} px wide`);
          await page.close();
        });
      }
    } finally {
      await browser.close();
      await server.stop();
    }
  },
});

type LogLine = { msg?: string; level?: string; [field: string]: unknown };
const parsed = (logs: string[]): LogLine[] =>
  logs.map((line) => {
    try {
      return JSON.parse(line) as LogLine;
    } catch {
      return { msg: line };
    }
  });

Deno.test("without KIS keys, deno task start runs the embedded demo", async (t) => {
  const kvPath = tempKvPath();
  try {
    await t.step("the API answers from the simulated market and says so", async () => {
      const server = await startAppServer({ KV_PATH: kvPath });
      let status;
      try {
        const ready = await fetch(`${server.url}/api/v1/health/ready`);
        assert.equal(ready.status, 200);
        assert.deepEqual(await ready.json(), {
          status: "ready",
          checks: { config: "ok", broker: "ok" },
          mode: "demo",
        });
        const res = await fetch(`${server.url}/api/v1/quotes/005930`, {
          headers: await adminHeaders(server.url),
        });
        assert.equal(res.status, 200);
        const quote = await res.json() as { symbol: string; price: number };
        assert.equal(quote.symbol, "005930");
        assert.ok(quote.price > 0 && isOnTick(quote.price), `price ${quote.price} on the grid`);
        const page = await (await fetch(`${server.url}/`)).text();
        assert.match(
          page,
          /data-testid="market-badge"[^>]*>모의 시장</,
          "pages say the market is simulated",
        );
        const market = parsed(server.logs).find((line) => line.msg === "market");
        assert.equal(market?.mode, "demo");
        assert.equal(market?.label, "모의 시장");
        assert.deepEqual(
          parsed(server.logs).find((line) => line.msg === "demo seeded")?.strategyConfigs,
          ["demo-ma-cross", "demo-rsi"],
        );
      } finally {
        status = await server.stop("SIGTERM");
      }
      assert.equal(status.code, 0);
      assert.ok(parsed(server.logs).some((line) => line.msg === "stopping"), "says it stops");
      assert.doesNotMatch(server.logs.join("\n"), /"level":"(warn|error)"|^\s+at /m);
    });

    await t.step(
      "a second start on the same store does not seed again; SIGINT exits 0",
      async () => {
        const server = await startAppServer({ KV_PATH: kvPath });
        const status = await server.stop("SIGINT");
        assert.equal(status.code, 0);
        assert.equal(parsed(server.logs).find((line) => line.msg === "demo seeded"), undefined);
        assert.doesNotMatch(server.logs.join("\n"), /"level":"(warn|error)"|^\s+at /m);
        using store = await openStore({ path: `${PROJECT_ROOT}/${kvPath}` });
        const configs = await listStrategyConfigs(store.kv);
        assert.deepEqual(configs.items.map((c) => [c.id, c.strategy, c.enabled]), [
          ["demo-ma-cross", "ma-cross", true],
          ["demo-rsi", "rsi", true],
        ]);
        const created = (await store.audit.list()).items
          .filter((entry) => entry.action === "strategy_config_created")
          .map((entry) => entry.subject);
        assert.deepEqual(created, ["demo-ma-cross", "demo-rsi"]);
      },
    );
  } finally {
    await removeKv(kvPath);
  }
});

Deno.test("with KIS keys, deno task start trades through KIS and starts no simulator", async () => {
  // A simulator of this test's own stands in for KIS, reached through KIS_REST_URL.
  await using sim = await startSimulator();
  const server = await startAppServer({
    KIS_APP_KEY: sim.credentials.appKey,
    KIS_APP_SECRET: sim.credentials.appSecret,
    KIS_ACCOUNT: sim.credentials.account,
    KIS_ENV: sim.env,
    KIS_REST_URL: sim.restUrl,
    KIS_WS_URL: sim.wsUrl,
  });
  try {
    const ready = await (await fetch(`${server.url}/api/v1/health/ready`)).json();
    assert.deepEqual(ready, {
      status: "ready",
      checks: { config: "ok", broker: "ok" },
      mode: "kis",
    });
    const res = await fetch(`${server.url}/api/v1/quotes/005930`, {
      headers: await adminHeaders(server.url),
    });
    assert.equal(res.status, 200);
    assert.ok(isOnTick((await res.json() as { price: number }).price));
    const page = await (await fetch(`${server.url}/`)).text();
    assert.doesNotMatch(
      page,
      /market-badge/,
      "a KIS account's pages carry no simulated-market badge",
    );
    const logs = parsed(server.logs);
    const market = logs.find((line) => line.msg === "market");
    assert.equal(market?.mode, "kis");
    assert.equal(market?.caption, undefined);
    assert.equal(logs.find((line) => line.msg === "demo seeded"), undefined);
  } finally {
    assert.equal((await server.stop()).code, 0);
  }
});

Deno.test("with APP_ENV=prod, deno task start refuses to run without JWT_SECRET, naming it", async () => {
  await assert.rejects(
    () => startAppServer({ APP_ENV: "prod" }),
    /JWT_SECRET must be set when APP_ENV=prod/,
  );
  await assert.rejects(
    () => startAppServer({ APP_ENV: "prod", JWT_SECRET: "x".repeat(40) }),
    /JWT_SECRET is a default or weak value/,
  );
});

Deno.test("with APP_ENV=prod and several bad settings, the start names every one on one line (exit 2)", async () => {
  const run = await new Deno.Command(Deno.execPath(), {
    args: await serveArgs(),
    cwd: PROJECT_ROOT,
    env: {
      APP_ENV: "prod",
      JWT_SECRET: "",
      ADMIN_PASSWORD: "changeme",
      METRICS_TOKEN: "changeme",
      PORT: "eighty",
      KIS_APP_KEY: "PSonlyTheKeyWasSet0123",
      KIS_APP_SECRET: "",
      KIS_ACCOUNT: "",
    },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stderr = new TextDecoder().decode(run.stderr).trim();
  assert.equal(run.code, 2);
  assert.equal(stderr.split("\n").length, 1, stderr);
  for (const name of ["JWT_SECRET", "ADMIN_PASSWORD", "METRICS_TOKEN", "PORT", "KIS_APP_SECRET"]) {
    assert.match(stderr, new RegExp(`\\b${name}\\b`), name);
  }
  assert.ok(!stderr.includes("changeme") && !stderr.includes("PSonly"), "no value is quoted");
});

Deno.test("the start logs every setting on one config line, and no secret's value appears anywhere in its output", async () => {
  const secrets = {
    JWT_SECRET: "q7Vn2mXc9LpR4tYw8zKb6HdJ3sFgA1eU0oNiCvBx",
    METRICS_TOKEN: "m3tr1cs-T0ken-9f8e7d6c5b4a3210",
    NOTIFY_WEBHOOK_URL: "http://127.0.0.1:9/in/9a8b7c6d5e4f3a2b1c0d",
    NOTIFY_WEBHOOK_SECRET: "webhook-signing-secret-5566",
    DENO_KV_ACCESS_TOKEN: "ddp_kvAccessToken1234567890abcdefXYZ",
  };
  const server = await startAppServer({ ROLE: "worker", APP_ENV: "staging", ...secrets });
  let output: string;
  try {
    const live = await fetch(`${server.url}/api/v1/health/live`);
    await live.body?.cancel();
  } finally {
    assert.equal((await server.stop()).code, 0);
    output = server.logs.join("\n");
  }
  const lines = parsed(server.logs).filter((line) => line.msg === "config");
  assert.equal(lines.length, 1);
  const settings = lines[0]!.settings as Record<string, unknown>;
  assert.equal(settings.ROLE, "worker");
  assert.equal(settings.APP_ENV, "staging");
  assert.equal(settings.JWT_SECRET, "set (****CvBx)");
  assert.equal(settings.ADMIN_PASSWORD, "set (****rase)");
  assert.equal(settings.KIS_APP_KEY, "unset");
  for (const [name, value] of Object.entries(secrets)) {
    assert.ok(!output.includes(value), `${name}'s value is not in the output`);
  }
  assert.ok(!output.includes(E2E_ADMIN_PASSWORD), "nor the admin password");
});

Deno.test("without ADMIN_PASSWORD the first start prints a one-time password once; it signs in", async () => {
  const kvPath = tempKvPath();
  const oneTime = /one-time password (\S+)/;
  try {
    const first = await startAppServer({ KV_PATH: kvPath, ADMIN_PASSWORD: "" });
    let password: string | undefined;
    try {
      // stderr is read beside stdout, so the line may land just after "listening".
      for (let tries = 0; password === undefined && tries < 50; tries++) {
        password = first.logs.map((line) => oneTime.exec(line)?.[1]).find(Boolean);
        if (password === undefined) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert.ok(password, "the first start shows the password");
      const login = await fetch(`${first.url}/api/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: "admin", password }),
      });
      assert.equal(login.status, 200);
      await login.body?.cancel();
    } finally {
      await first.stop();
    }
    const second = await startAppServer({ KV_PATH: kvPath, ADMIN_PASSWORD: "" });
    await second.stop();
    assert.doesNotMatch(second.logs.join("\n"), oneTime, "a later start never shows it again");
    assert.ok(!second.logs.join("\n").includes(password!));
  } finally {
    await removeKv(kvPath);
  }
});

Deno.test("the demo trades on its own: within a minute of start a signal, a filled order and a triggered alert", async () => {
  const kvPath = tempKvPath();
  const server = await startAppServer({ KV_PATH: kvPath });
  try {
    const account = parsed(server.logs).find((line) => line.msg === "start-up reconciliation done")
      ?.account as string;
    assert.match(account, /^\d{8}-\d{2}$/);
    using store = await openStore({ path: `${PROJECT_ROOT}/${kvPath}` });
    const orders = new OrderRepository(store, account);
    const alerts = new AlertRepository(store);
    const seen = { signals: 0, filled: 0, triggered: 0, logged: false };
    // a wait bound for the events, not a speed target: the simulated market trades in real time;
    // the log lines follow the commits they report, so they are waited for too
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      seen.signals = (await listSignals(store.kv, "demo-ma-cross")).items.length;
      seen.filled = (await orders.listByStatus("filled")).items.length;
      seen.triggered = (await alerts.listByAccount(account)).items
        .filter((alert) => alert.state.status === "triggered").length;
      const logs = parsed(server.logs);
      seen.logged = logs.some((line) =>
        line.msg === "job finished" && line.job === "strategy-run"
      ) &&
        logs.some((line) => line.msg === "alert triggered");
      if (seen.signals > 0 && seen.filled > 0 && seen.triggered > 0 && seen.logged) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    assert.ok(
      seen.signals > 0 && seen.filled > 0 && seen.triggered > 0 && seen.logged,
      JSON.stringify(seen),
    );
  } finally {
    const status = await server.stop();
    await removeKv(kvPath);
    assert.equal(status.code, 0);
  }
  assert.doesNotMatch(server.logs.join("\n"), /"level":"(warn|error)"|^\s+at /m);
});

Deno.test("ROLE=worker serves no pages, only liveness and metrics; ROLE=web runs no realtime alerts", async (t) => {
  await t.step("worker", async () => {
    const server = await startAppServer({ ROLE: "worker" });
    try {
      const page = await fetch(`${server.url}/`);
      assert.equal(page.status, 404);
      await page.body?.cancel();
      const live = await fetch(`${server.url}/api/v1/health/live`);
      assert.equal(live.status, 200);
      const body = await live.json() as { role: string; stream: string };
      assert.equal(body.role, "worker");
      assert.equal(body.stream, "holder", "the only worker on its app key holds the stream");
      const metrics = await fetch(`${server.url}/metrics`);
      assert.equal(metrics.status, 200);
      // the runtime's broker reports to the app's metrics: the seed and the stream made calls
      const text = await metrics.text();
      assert.match(text, /^kis_token_issued_total(\{[^}]*\})? [1-9]/m);
      assert.match(text, /^kis_rest_requests_total\{[^}]*\} [1-9]/m);
      const logs = parsed(server.logs);
      assert.equal(logs.find((line) => line.msg === "role")?.role, "worker");
      assert.ok(logs.some((line) => line.msg === "alerts: watching trades"));
    } finally {
      assert.equal((await server.stop()).code, 0);
    }
    assert.ok(!parsed(server.logs).some((line) => line.msg === "job finished"), "no cron jobs");
  });
  await t.step("web", async () => {
    const server = await startAppServer({ ROLE: "web" });
    try {
      assert.equal((await fetch(`${server.url}/`)).status, 200);
      const logs = parsed(server.logs);
      assert.equal(logs.find((line) => line.msg === "role")?.role, "web");
      assert.ok(!logs.some((line) => line.msg === "alerts: watching trades"));
    } finally {
      assert.equal((await server.stop()).code, 0);
    }
  });
});

Deno.test("a bad ROLE ends the start with one line and exit code 2", async () => {
  const run = await new Deno.Command(Deno.execPath(), {
    args: await serveArgs(),
    cwd: PROJECT_ROOT,
    env: { ROLE: "trader", KIS_APP_KEY: "", KIS_APP_SECRET: "", KIS_ACCOUNT: "" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stderr = new TextDecoder().decode(run.stderr).trim();
  assert.equal(run.code, 2);
  assert.equal(stderr.split("\n").length, 1, stderr);
  assert.match(stderr, /ROLE must be all, web or worker/);
});

Deno.test({
  name: "in the demo the dashboard clock shows the simulated market's time and phase (Chromium)",
  ignore: !browserTestsEnabled(),
  async fn() {
    const server = await startAppServer();
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({
        viewport: { width: 1280, height: 800 },
        storageState: await signInState(browser, server.url),
      });
      await page.goto(`${server.url}/`);
      const label = page.locator('[data-testid="market-clock-simulated"]');
      assert.equal(await label.textContent(), "모의 시장");
      const phase = await page.locator('[data-testid="market-phase"]').textContent();
      assert.equal(phase, "정규장", "the demo market is in its continuous session at any hour");
      const shown = Date.parse(
        (await page.locator('[data-testid="market-clock"]').getAttribute("datetime"))!,
      );
      const caption = parsed(server.logs).find((line) => line.msg === "market")?.caption as string;
      const started = Date.parse(
        caption.replace(/^.*시각 (\S+) (\S+) KST$/, "$1T$2+09:00"),
      );
      assert.ok(
        shown >= started && shown < started + 10 * 60_000,
        `clock ${new Date(shown).toISOString()} follows the simulated start ${caption}`,
      );
      const screenshot = Deno.env.get("CLOCK_SCREENSHOT");
      if (screenshot) await page.screenshot({ path: screenshot });
    } finally {
      await browser.close();
      await server.stop();
    }
  },
});
