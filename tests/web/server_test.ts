import assert from "node:assert/strict";
import { createApp, securityHeaders } from "@/core/web/mod.ts";
import { buildFixtureClient, FIXTURE_ROOT, loadFixtureManifest } from "./_fixture.ts";

Deno.test("the web server over real HTTP: pages, islands, bundles, static files, errors", async (t) => {
  const build = await buildFixtureClient();
  const app = await createApp(await loadFixtureManifest());
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, app.fetch);
  const base = `http://127.0.0.1:${server.addr.port}`;
  const get = (path: string, init?: RequestInit) => fetch(base + path, init);

  try {
    await t.step(
      "a page with islands: 200, HTML, markers, only hashed module scripts",
      async () => {
        const res = await get("/islands");
        assert.equal(res.status, 200);
        assert.equal(res.headers.get("content-type"), "text/html; charset=utf-8");
        const html = await res.text();
        assert.match(html, /<!--frsh:island:Counter:0-->/);
        const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
        assert.equal(scripts.length, 2, "one JSON state element and one module script");
        assert.match(scripts[0]!, /type="application\/json"/);
        assert.equal(scripts[1], `<script type="module" src="${build.boot}">`);
        assert.match(build.boot, /^\/_fresh\/js\/boot-[0-9a-f]{12}\.js$/);
        for (const url of Object.values(build.islands)) {
          assert.match(url, /^\/_fresh\/js\/\w+-[0-9a-f]{12}\.js$/);
        }
      },
    );

    await t.step("a page without islands has no <script at all", async () => {
      const html = await (await get("/blog/plain")).text();
      assert.match(html, /post plain/);
      assert.doesNotMatch(html, /<script/i);
    });

    await t.step("bundles are JavaScript with immutable caching", async () => {
      const res = await get(build.boot);
      assert.equal(res.status, 200);
      assert.match(res.headers.get("content-type") ?? "", /^text\/javascript/);
      assert.equal(res.headers.get("cache-control"), "public, max-age=31536000, immutable");
      const code = await res.text();
      assert.match(code, /frsh:island/);
      const chunk = /from"\.\/(chunk-[\w-]+\.js)"/.exec(code)?.[1];
      assert.ok(chunk, "the boot module imports a shared chunk");
      const chunkRes = await get(`/_fresh/js/${chunk}`);
      assert.equal(chunkRes.status, 200);
      await chunkRes.body?.cancel();
    });

    await t.step("Preact is bundled once, in a shared chunk, not in each island", async () => {
      const islandCode = await Promise.all(
        Object.values(build.islands).map(async (url) => await (await get(url)).text()),
      );
      for (const code of islandCode) {
        assert.ok(code.length < 4000, `island entries stay small (got ${code.length} bytes)`);
      }
    });

    await t.step("static files: content type, ETag, 304 on If-None-Match", async () => {
      const res = await get("/css/site.css");
      assert.equal(res.status, 200);
      assert.match(res.headers.get("content-type") ?? "", /^text\/css/);
      assert.equal(
        await res.text(),
        await Deno.readTextFile(`${FIXTURE_ROOT}/static/css/site.css`),
      );
      const etag = res.headers.get("etag");
      assert.match(etag ?? "", /^"[0-9a-f]{12}"$/);
      const again = await get("/css/site.css", { headers: { "if-none-match": etag! } });
      assert.equal(again.status, 304);
      assert.equal(await again.text(), "");
      const other = await get("/css/site.css", { headers: { "if-none-match": '"000000000000"' } });
      assert.equal(other.status, 200);
      await other.body?.cancel();
      const text = await get("/hello.txt");
      assert.match(text.headers.get("content-type") ?? "", /^text\/plain/);
      await text.body?.cancel();
    });

    await t.step("paths escaping the static folder are not served", async () => {
      const res = await get("/css/..%2F..%2Fserver_test.ts");
      assert.equal(res.status, 404);
      await res.body?.cancel();
    });

    await t.step("404 and 500 pages", async () => {
      const missing = await get("/no-such-page");
      assert.equal(missing.status, 404);
      assert.match(await missing.text(), /custom 404 for \/no-such-page/);
      const failing = await get("/throws");
      assert.equal(failing.status, 500);
      assert.match(await failing.text(), /custom error 500/);
    });
  } finally {
    await server.shutdown();
  }
});

Deno.test("fresh.config.ts middlewares have Fresh's (ctx) => Response shape and see every answer", async () => {
  await buildFixtureClient();
  const seen: string[] = [];
  const app = await createApp(await loadFixtureManifest(), {
    middlewares: [
      securityHeaders(),
      async (ctx) => {
        seen.push(`${ctx.req.method} ${ctx.url.pathname} route=${ctx.route}`);
        if (ctx.url.pathname === "/old") return ctx.redirect("/blog");
        return await ctx.next();
      },
    ],
  });
  const moved = await app.fetch(new Request("http://localhost/old"));
  assert.equal(moved.status, 302);
  assert.equal(moved.headers.get("location"), "/blog");
  assert.equal(moved.headers.get("x-content-type-options"), "nosniff");
  const missing = await app.fetch(new Request("http://localhost/no-such-page"));
  assert.equal(missing.status, 404);
  assert.equal(missing.headers.get("x-frame-options"), "SAMEORIGIN", "error pages too");
  await missing.body?.cancel();
  const file = await app.fetch(new Request("http://localhost/hello.txt"));
  assert.equal(file.headers.get("x-content-type-options"), "nosniff", "static files too");
  await file.body?.cancel();
  const post = await app.fetch(new Request("http://localhost/blog/x"));
  await post.body?.cancel();
  assert.deepEqual(seen, [
    "GET /old route=null",
    "GET /no-such-page route=null",
    "GET /hello.txt route=null",
    "GET /blog/x route=/blog/:slug",
  ]);
});
