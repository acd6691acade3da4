import assert from "node:assert/strict";
import fc from "fast-check";
import {
  checkSpecialFiles,
  classifyRouteFile,
  compareRoutePatterns,
  folderChain,
  isRoutableFile,
  literalStart,
  matchRest,
  restParamName,
} from "@/core/web/fs_routes.ts";

Deno.test("classifyRouteFile() derives Fresh's URL patterns", async (t) => {
  const cases: [string, string][] = [
    ["index.tsx", "/"],
    ["about.tsx", "/about"],
    ["blog/index.tsx", "/blog"],
    ["blog/[slug].tsx", "/blog/:slug"],
    ["shop/[category]/[id].ts", "/shop/:category/:id"],
    ["docs/[...rest].tsx", "/docs/:rest*"],
    ["(marketing)/pricing.tsx", "/pricing"],
    ["(a)/(b)/deep/index.jsx", "/deep"],
    ["files/[name].json.ts", "/files/:name.json"],
    ["pkg/[scope]@[name].tsx", "/pkg/:scope@:name"],
    ["api/[...path].ts", "/api/:path*"],
  ];
  for (const [file, pattern] of cases) {
    await t.step(`${file} → ${pattern}`, () => {
      const route = classifyRouteFile(file);
      assert.equal(route.kind, "route");
      assert.equal(route.pattern, pattern);
    });
  }

  await t.step("the patterns match the URLs they should", () => {
    const match = (pattern: string, path: string) =>
      new URLPattern({ pathname: pattern }).exec({ pathname: path });
    assert.equal(match("/files/:name.json", "/files/report.json")?.pathname.groups.name, "report");
    assert.equal(match("/docs/:rest*", "/docs/a/b")?.pathname.groups.rest, "a/b");
    assert.ok(match("/docs/:rest*", "/docs"));
    assert.equal(match("/blog/:slug", "/blog/a/b"), null);
  });

  await t.step("literal characters special to URLPattern are escaped", () => {
    assert.equal(classifyRouteFile("what+why.tsx").pattern, "/what\\+why");
    assert.ok(new URLPattern({ pathname: "/what\\+why" }).test({ pathname: "/what+why" }));
  });
});

Deno.test("classifyRouteFile() recognises special files and their folders", () => {
  assert.deepEqual(classifyRouteFile("_app.tsx"), {
    file: "_app.tsx",
    kind: "app",
    folder: "",
    pattern: "",
  });
  assert.equal(classifyRouteFile("admin/_layout.tsx").kind, "layout");
  assert.equal(classifyRouteFile("admin/_layout.tsx").folder, "admin");
  assert.equal(classifyRouteFile("(shop)/_middleware.ts").folder, "(shop)");
  assert.equal(classifyRouteFile("_middleware.ts").kind, "middleware");
  assert.equal(classifyRouteFile("_404.tsx").kind, "notFound");
  assert.equal(classifyRouteFile("_500.tsx").kind, "error");
  assert.equal(classifyRouteFile("_error.tsx").kind, "error");
});

Deno.test("classifyRouteFile() rejects files that cannot be routed", () => {
  assert.throws(() => classifyRouteFile("admin/_app.tsx"), /_app must be at the root/);
  assert.throws(() => classifyRouteFile("_helpers.ts"), /unknown special file "_helpers"/);
  assert.throws(() => classifyRouteFile("[...rest]/x.tsx"), /must be the last segment/);
  assert.throws(() => classifyRouteFile("[a][b].tsx"), /two params side by side/);
  assert.throws(() => classifyRouteFile("[oops.tsx"), /malformed segment/);
});

Deno.test("isRoutableFile() skips tests, private folders and non-source files", () => {
  assert.equal(isRoutableFile("index.tsx"), true);
  assert.equal(isRoutableFile("api/users.ts"), true);
  assert.equal(isRoutableFile("index_test.tsx"), false);
  assert.equal(isRoutableFile("blog/post.test.ts"), false);
  assert.equal(isRoutableFile("(_components)/Button.tsx"), false);
  assert.equal(isRoutableFile("(group)/page.tsx"), true);
  assert.equal(isRoutableFile("styles.css"), false);
  assert.equal(isRoutableFile("README.md"), false);
});

Deno.test("compareRoutePatterns() puts the most specific pattern first", () => {
  const patterns = [
    "/:rest*",
    "/blog/:slug",
    "/blog",
    "/blog/featured",
    "/",
    "/:page",
    "/blog/:slug.json",
    "/blog/:rest*",
  ];
  const sorted = [...patterns].sort(compareRoutePatterns);
  const before = (a: string, b: string) =>
    assert.ok(
      sorted.indexOf(a) < sorted.indexOf(b),
      `${a} should come before ${b}: ${sorted.join(" ")}`,
    );
  before("/blog/featured", "/blog/:slug.json");
  before("/blog/:slug.json", "/blog/:slug");
  before("/blog/:slug", "/blog/:rest*");
  before("/blog", "/blog/:rest*");
  before("/blog", "/:page");
  before("/:page", "/:rest*");
  before("/", "/:rest*");
  assert.equal(sorted.at(-1), "/:rest*");
});

Deno.test("folderChain() lists the folders from the root down", () => {
  assert.deepEqual(folderChain(""), [""]);
  assert.deepEqual(folderChain("a/(g)/b"), ["", "a", "a/(g)", "a/(g)/b"]);
});

Deno.test("checkSpecialFiles() refuses error pages Fresh 2 would ignore or overwrite", () => {
  const check = (...files: string[]) => checkSpecialFiles(files.map(classifyRouteFile));
  check("_404.tsx", "_error.tsx", "shop/_error.tsx", "shop/_layout.tsx", "shop/index.tsx");
  check("_500.tsx", "admin/_500.tsx");
  assert.throws(
    () => check("_500.tsx", "_error.tsx"),
    {
      message:
        "routes/_500.tsx and routes/_error.tsx are both the error page of routes/: keep one (_error is Fresh 2's name)",
    },
  );
  assert.throws(
    () => check("shop/_layout.ts", "shop/_layout.tsx"),
    /both the _layout of routes\/shop/,
  );
  assert.throws(
    () => check("shop/_404.tsx"),
    /routes\/shop\/_404\.tsx: _404 is allowed only at the root/,
  );
});

Deno.test("literalStart() gives what every path a pattern matches starts with, or nothing when unsure", () => {
  assert.equal(literalStart("/api/:path*"), "/api");
  assert.equal(literalStart("/docs/:rest*"), "/docs");
  assert.equal(literalStart("/blog/:slug"), "/blog");
  assert.equal(literalStart("/orders"), "/orders");
  assert.equal(literalStart("/"), "/");
  assert.equal(literalStart("/:slug"), "");
  assert.equal(literalStart("/blog{/:slug}?"), "");
  assert.equal(literalStart("/café"), "", "a pattern encodes what is not URL-safe ASCII");
  for (const [pattern, path] of [["/api/:path*", "/api"], ["/docs/:rest*", "/docs/a/b"]]) {
    assert.ok(new URLPattern({ pathname: pattern! }).test({ pathname: path }));
    assert.ok(path!.startsWith(literalStart(pattern!)));
  }
});

Deno.test("restParamName() names the rest parameter of a literal-then-rest pattern only", () => {
  assert.equal(restParamName("/api/:path*"), "path");
  assert.equal(restParamName("/docs/v1/:rest*"), "rest");
  assert.equal(restParamName("/:path*"), undefined);
  assert.equal(restParamName("/docs/:slug"), undefined);
  assert.equal(restParamName("/docs/:rest+"), undefined);
  assert.equal(restParamName("/docs/:a/:rest*"), undefined);
  assert.equal(restParamName("/docs"), undefined);
});

Deno.test("matchRest() answers as the URL pattern does, for paths as the router sees them", () => {
  const pattern = new URLPattern({ pathname: "/api/:path*" });
  const segment = fc.stringMatching(/^[a-zA-Z0-9._~%é: -]{0,4}$/);
  fc.assert(
    fc.property(
      fc.array(segment, { maxLength: 4 }),
      fc.constantFrom("/api", "/apis", "/"),
      (parts, head) => {
        // The router gets URL-parsed pathnames with their trailing slashes trimmed.
        const pathname = new URL(`http://h${head}/${parts.join("/")}`).pathname;
        const trimmed = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
        const fast = matchRest("/api", trimmed);
        if (fast === undefined) return;
        const match = pattern.exec({ pathname: trimmed });
        assert.equal(fast, match === null ? null : match.pathname.groups.path ?? "", trimmed);
      },
    ),
    { numRuns: 2_000 },
  );
  assert.equal(matchRest("/api", "/api/v1/portfolio"), "v1/portfolio");
  assert.equal(matchRest("/api", "/api"), "");
  assert.equal(matchRest("/api", "/apis"), null);
  assert.equal(matchRest("/api", "/api//x"), undefined, "left to the pattern");
  assert.equal(matchRest("/api", "/api/a%20b"), undefined, "left to the pattern");
});
