import assert from "node:assert/strict";
import { renderManifest, scanProject } from "@/core/web/manifest.ts";
import { FIXTURE_ROOT } from "./_fixture.ts";

const PROJECT_ROOT = decodeURIComponent(new URL("../..", import.meta.url).pathname).replace(
  /\/$/,
  "",
);

Deno.test("scanProject() lists routable route files and every island, sorted", async () => {
  const files = await scanProject(FIXTURE_ROOT);
  assert.ok(files.routes.includes("routes/blog/[slug].tsx"));
  assert.ok(files.routes.includes("routes/(marketing)/pricing.tsx"));
  assert.ok(!files.routes.some((f) => f.includes("helper_test")), "test files skipped");
  assert.ok(!files.routes.some((f) => f.includes("(_components)")), "private folders skipped");
  assert.deepEqual(files.islands, [
    "islands/Counter.tsx",
    "islands/Echo.tsx",
    "islands/Inner.tsx",
    "islands/Outer.tsx",
  ]);
  assert.deepEqual(files.routes, [...files.routes].sort());
});

Deno.test("renderManifest() imports each module once under a unique identifier", () => {
  const source = renderManifest(
    {
      routes: ["routes/a-b.tsx", "routes/a_b.tsx", "routes/[id].tsx"],
      islands: ["islands/Chart.tsx"],
    },
    "./core/web/manifest.ts",
  );
  assert.match(source, /^\/\/ DO NOT EDIT/);
  assert.match(source, /import \* as \$a_b from "\.\/routes\/a-b\.tsx";/);
  assert.match(source, /import \* as \$a_b_2 from "\.\/routes\/a_b\.tsx";/);
  assert.match(source, /import \* as \$_id_ from "\.\/routes\/\[id\]\.tsx";/);
  assert.match(source, /"\.\/islands\/Chart\.tsx": \$Chart,/);
  assert.match(source, /baseUrl: import\.meta\.url,/);
  assert.match(source, /} satisfies Manifest;/);
});

Deno.test("renderManifest() output is already formatted the way deno fmt wants", async () => {
  const source = renderManifest(await scanProject(PROJECT_ROOT), "./core/web/manifest.ts");
  const fmt = new Deno.Command(Deno.execPath(), {
    args: ["fmt", "--ext=ts", "-"],
    cwd: PROJECT_ROOT,
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = fmt.stdin.getWriter();
  await writer.write(new TextEncoder().encode(source));
  await writer.close();
  const { stdout, success } = await fmt.output();
  assert.ok(success);
  assert.equal(new TextDecoder().decode(stdout), source);
});

Deno.test("the committed fresh.gen.ts matches the routes and islands on disk", async () => {
  const expected = renderManifest(await scanProject(PROJECT_ROOT), "./core/web/manifest.ts");
  const committed = await Deno.readTextFile(`${PROJECT_ROOT}/fresh.gen.ts`);
  assert.equal(committed, expected, "run `deno task manifest` and commit fresh.gen.ts");
});

Deno.test("scanProject() refuses at build time the error pages the router would not use", async () => {
  const root = await Deno.makeTempDir();
  try {
    await Deno.mkdir(`${root}/routes/blog`, { recursive: true });
    await Deno.writeTextFile(`${root}/routes/index.tsx`, "export default () => null;\n");
    await Deno.writeTextFile(`${root}/routes/blog/_404.tsx`, "export default () => null;\n");
    await assert.rejects(
      scanProject(root),
      /routes\/blog\/_404\.tsx: _404 is allowed only at the root of routes\//,
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
