import assert from "node:assert/strict";
import { createRouter } from "@/core/web/router.ts";
import type { ClientBuild } from "@/core/web/render.ts";
import { loadFixtureManifest } from "./_fixture.ts";

const CLIENT: ClientBuild = {
  boot: "/_fresh/js/boot-000000000000.js",
  islands: {
    "./islands/Counter.tsx": "/_fresh/js/Counter-111111111111.js",
    "./islands/Echo.tsx": "/_fresh/js/Echo-222222222222.js",
    "./islands/Inner.tsx": "/_fresh/js/Inner-333333333333.js",
    "./islands/Outer.tsx": "/_fresh/js/Outer-444444444444.js",
  },
};

Deno.test("file-system router follows Fresh's routing rules", async (t) => {
  const reported: unknown[] = [];
  const route = createRouter(await loadFixtureManifest(), CLIENT, {
    reportError: (error) => reported.push(error),
  });
  const get = (path: string, init?: RequestInit) =>
    route(new Request(`http://localhost${path}`, init));
  const text = async (path: string, init?: RequestInit) => {
    const res = await get(path, init);
    return { status: res.status, headers: res.headers, body: await res.text() };
  };

  await t.step("index.tsx serves its folder, inside _layout and _app", async () => {
    const res = await text("/");
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "text/html; charset=utf-8");
    assert.match(
      res.body,
      /^<!DOCTYPE html><html><head><title>fixture<\/title><\/head><body><div class="root-layout"><h1>home<\/h1><\/div><\/body><\/html>$/,
    );
  });

  await t.step(
    "a path is run only against the patterns it can match by their literal start",
    async () => {
      const exec = URLPattern.prototype.exec;
      const tried: string[] = [];
      URLPattern.prototype.exec = function (this: URLPattern, ...args) {
        tried.push(this.pathname);
        return exec.apply(this, args);
      };
      try {
        assert.match((await text("/docs/a/b/c")).body, /docs \[a\/b\/c\]/);
        assert.ok(!tried.includes("/docs/:rest*"), "plain segments are matched as text");
        assert.match((await text("/docs/a%20b/c")).body, /docs \[a b\/c\]/);
      } finally {
        URLPattern.prototype.exec = exec;
      }
      assert.ok(tried.includes("/docs/:rest*"), "anything else runs the pattern");
      assert.ok(tried.every((p) => p === "/docs/:rest*" || !/^\/[a-z]*$/.test(p)), tried.join(" "));
    },
  );

  await t.step("blog/index.tsx serves /blog and a trailing slash is ignored", async () => {
    assert.match((await text("/blog")).body, /blog index/);
    assert.match((await text("/blog/")).body, /blog index/);
  });

  await t.step("[param] captures a segment, decoded", async () => {
    assert.match((await text("/blog/hello%20world")).body, /post hello world/);
  });

  await t.step("a static route wins over a dynamic sibling", async () => {
    assert.match((await text("/blog/featured")).body, /featured/);
  });

  await t.step("[...rest] captures the remaining segments, and none", async () => {
    assert.match((await text("/docs/a/b/c")).body, /docs \[a\/b\/c\]/);
    assert.match((await text("/docs")).body, /docs \[\]/);
  });

  await t.step("(group) folders are transparent in the URL and scope their _layout", async () => {
    const pricing = await text("/pricing");
    assert.equal(pricing.status, 200);
    assert.match(
      pricing.body,
      /<div class="root-layout"><div class="marketing-layout"><p>pricing<\/p>/,
    );
    assert.doesNotMatch((await text("/blog")).body, /marketing-layout/);
  });

  await t.step("(_private) folders and *_test files are never routes", async () => {
    assert.equal((await get("/Widget")).status, 404);
    assert.equal((await get("/blog/helper_test")).status, 200, "falls through to [slug]");
    assert.match((await text("/blog/helper_test")).body, /post helper_test/);
  });

  await t.step("_layout files nest outside-in", async () => {
    const res = await text("/admin", { headers: { "x-admin": "1" } });
    assert.match(
      res.body,
      /<div class="root-layout"><div class="admin-layout"><p>admin trail=root>admin<\/p>/,
    );
  });

  await t.step("_middleware runs root to leaf, shares state, and may answer early", async () => {
    const denied = await text("/admin");
    assert.equal(denied.status, 401);
    assert.equal(denied.body, "denied");
    assert.equal(
      denied.headers.get("x-root-middleware"),
      "yes",
      "root middleware wraps the folder's",
    );
  });

  await t.step(
    "root _middleware also runs for unmatched URLs; the 404 passes it as an error",
    async () => {
      const res = await text("/no/such/page");
      assert.equal(res.status, 404);
      assert.match(res.body, /custom 404 for \/no\/such\/page trail=root/);
      // As in Fresh 2, the root's error catcher sits outside the root's middlewares.
      assert.equal(res.headers.get("x-root-middleware"), null);
    },
  );

  await t.step(
    "an error below a folder with _error renders that page inside its layouts",
    async () => {
      reported.length = 0;
      const res = await text("/shop/cart/broken");
      assert.equal(res.status, 500);
      assert.match(
        res.body,
        /<div class="root-layout"><div class="shop-layout"><p>shop error 500 at \/shop\/cart\/broken<\/p>/,
      );
      assert.equal((reported[0] as Error).message, "cart broke");
      // Caught at /shop, inside the root middleware, which sees the error page as a response.
      assert.equal(res.headers.get("x-root-middleware"), "yes");
    },
  );

  await t.step("a 404 thrown below /shop is still the root _404, as in Fresh 2", async () => {
    const res = await text("/shop/missing");
    assert.equal(res.status, 404);
    assert.match(res.body, /custom 404 for \/shop\/missing/);
  });

  await t.step("a missing method is 405 with Allow", async () => {
    const res = await get("/methods");
    assert.equal(res.status, 405);
    assert.equal(res.headers.get("allow"), "POST");
    await res.body?.cancel();
    const postOnPage = await get("/get-only", { method: "POST" });
    assert.equal(postOnPage.status, 405);
    assert.equal(postOnPage.headers.get("allow"), "GET, HEAD");
    await postOnPage.body?.cancel();
    const pageWithoutHandler = await get("/", { method: "DELETE" });
    assert.equal(pageWithoutHandler.status, 405);
    assert.equal(pageWithoutHandler.headers.get("allow"), "GET, HEAD");
    await pageWithoutHandler.body?.cancel();
  });

  await t.step("a handler's Response is returned as it is", async () => {
    const res = await get("/methods", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ a: 1 }),
    });
    assert.equal(res.status, 201);
    assert.deepEqual(await res.json(), { got: { a: 1 } });
  });

  await t.step("page() data reaches the component with its status and headers", async () => {
    const res = await text("/get-only");
    assert.equal(res.status, 203);
    assert.equal(res.headers.get("x-page"), "get-only");
    assert.match(res.body, /n=7/);
  });

  await t.step("HEAD falls back to GET without a body", async () => {
    const res = await get("/get-only", { method: "HEAD" });
    assert.equal(res.status, 203);
    assert.equal(res.headers.get("x-page"), "get-only");
    assert.equal(res.body, null);
  });

  await t.step("config skips the app wrapper and inherited layouts", async () => {
    assert.equal((await text("/skip")).body, "<p>bare</p>");
  });

  await t.step("unmatched URLs and HttpError(404) render _404 with status 404", async () => {
    const missing = await text("/nope");
    assert.equal(missing.status, 404);
    assert.match(missing.body, /custom 404 for \/nope/);
    assert.match(missing.body, /^<!DOCTYPE html><html>/, "inside _app");
    const gone = await text("/gone");
    assert.equal(gone.status, 404);
    assert.match(gone.body, /custom 404 for \/gone/);
  });

  await t.step("a thrown error renders _500 with status 500 and is reported", async () => {
    reported.length = 0;
    const res = await text("/throws");
    assert.equal(res.status, 500);
    assert.match(res.body, /custom error 500/);
    assert.equal((reported[0] as Error).message, "boom");
  });

  await t.step("HttpError with another status renders _500 with that status", async () => {
    const res = await text("/teapot");
    assert.equal(res.status, 418);
    assert.match(res.body, /custom error 418/);
  });

  await t.step(
    "ctx has Fresh's route, info, redirect and render; page props have req",
    async () => {
      const page = await text("/context");
      assert.match(page.body, /<p>GET \/context from 127\.0\.0\.1<\/p>/);
      const rendered = await text("/context?render");
      assert.equal(rendered.status, 203);
      assert.match(rendered.body, /<div class="root-layout"><p>rendered at \/context<\/p><\/div>/);
      const away = await get("/context?to=//evil.example/x?y=1");
      assert.equal(away.status, 307);
      assert.equal(away.headers.get("location"), "/evil.example/x?y=1");
    },
  );

  await t.step("malformed percent-encoding in a param is a 400, not a 500", async () => {
    const res = await text("/blog/%E0%A4%A");
    assert.equal(res.status, 400);
  });
});

Deno.test("islands render inside markers with their props serialised once per page", async (t) => {
  const reported: unknown[] = [];
  const route = createRouter(await loadFixtureManifest(), CLIENT, {
    reportError: (error) => reported.push(error),
  });
  const res = await route(new Request("http://localhost/islands"));
  const html = await res.text();

  await t.step("each top-level island is wrapped in start and end markers, in order", () => {
    const markers = [...html.matchAll(/<!--(\/?frsh:island[^>]*)-->/g)].map((m) => m[1]);
    assert.deepEqual(markers, [
      "frsh:island:Counter:0",
      "/frsh:island",
      "frsh:island:Counter:1",
      "/frsh:island",
      "frsh:island:Echo:2",
      "/frsh:island",
      "frsh:island:Outer:3",
      "/frsh:island",
    ]);
  });

  await t.step("an island inside an island is a plain component", () => {
    assert.match(
      html,
      /<!--frsh:island:Outer:3--><div class="outer"><span class="inner">inside<\/span><\/div><!--\/frsh:island-->/,
    );
  });

  await t.step("the page loads the boot module and only the islands it uses, all hashed", () => {
    const scripts = [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(scripts, [CLIENT.boot]);
    const preloads = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)].map((m) =>
      m[1]
    );
    assert.deepEqual(
      preloads.sort(),
      [
        CLIENT.boot,
        CLIENT.islands["./islands/Counter.tsx"],
        CLIENT.islands["./islands/Echo.tsx"],
        CLIENT.islands["./islands/Outer.tsx"],
      ].sort(),
    );
    for (const url of [...scripts, ...preloads]) assert.match(url!, /-[0-9a-f]{12}\.js$/);
  });

  await t.step("</script> inside props cannot break out of the state element", () => {
    const state = /<script id="__FRSH_STATE" type="application\/json">(.*?)<\/script>/s.exec(html);
    assert.ok(state);
    assert.ok(!state[1]!.includes("<"), "no raw < inside the JSON");
    const parsed = JSON.parse(state[1]!) as { props: string };
    assert.match(parsed.props, /<\/script><script>alert\(1\)<\/script>/);
  });

  await t.step("a function prop is refused with the island and prop named", async () => {
    reported.length = 0;
    const bad = await route(new Request("http://localhost/bad-props"));
    assert.equal(bad.status, 500);
    await bad.body?.cancel();
    assert.match(String((reported[0] as Error).message), /island "Echo", prop "onPick"/);
    assert.match(String((reported[0] as Error).message), /function/);
  });
});

Deno.test("a page without islands ships no script", async () => {
  const route = createRouter(await loadFixtureManifest(), CLIENT);
  const html = await (await route(new Request("http://localhost/blog/x"))).text();
  assert.doesNotMatch(html, /<script/);
  assert.doesNotMatch(html, /modulepreload/);
});

Deno.test("error pages Fresh 2 would not use are refused when the router is built", async () => {
  const manifest = await loadFixtureManifest();
  const page = { default: () => null };
  const withRoute = (file: string) => ({
    ...manifest,
    routes: { ...manifest.routes, [`./routes/${file}`]: page },
  });
  assert.throws(
    () => createRouter(withRoute("_error.tsx"), CLIENT),
    /routes\/_500\.tsx and routes\/_error\.tsx are both the error page of routes\/: keep one/,
  );
  assert.throws(
    () => createRouter(withRoute("blog/_404.tsx"), CLIENT),
    /routes\/blog\/_404\.tsx: _404 is allowed only at the root of routes\//,
  );
});

Deno.test("two routes serving one URL are refused when the router is built", async () => {
  const manifest = await loadFixtureManifest();
  const page = { default: () => null };
  assert.throws(
    () =>
      createRouter(
        { ...manifest, routes: { ...manifest.routes, "./routes/blog.tsx": page } },
        CLIENT,
      ),
    /routes\/blog.tsx and routes\/blog\/index.tsx both serve \/blog|routes\/blog\/index.tsx and routes\/blog.tsx both serve \/blog/,
  );
});
