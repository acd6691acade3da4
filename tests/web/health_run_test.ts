import assert from "node:assert/strict";
import { setAppEngine, setAppServices, startRole, startServices } from "@/core/runtime/mod.ts";
import { createApp } from "@/core/web/mod.ts";
import config from "@/fresh.config.ts";
import manifest from "@/fresh.gen.ts";
import { lockBundles, PROJECT_ROOT, removeKv, tempKvPath } from "../e2e/_app_server.ts";
import { csrfOf, signIn, TEST_ADMIN_PASSWORD } from "./_session.ts";

Deno.test("the health page's Run now form runs the job through the API and says how it went", async () => {
  // createApp reads _fresh/build.json, which a browser test's build may be rewriting
  const bundles = await lockBundles();
  const kvPath = tempKvPath();
  Deno.env.set("ADMIN_PASSWORD", TEST_ADMIN_PASSWORD);
  try {
    const app = await createApp(manifest, config);
    await using services = await startServices({
      mode: "demo",
      kvPath: `${PROJECT_ROOT}/${kvPath}`,
    });
    // crons are recorded, not fired: only the form runs a job here
    const runtime = await startRole("web", services, {
      notify: () => Promise.resolve(0),
      cron: () => {},
    });
    try {
      setAppServices(services);
      setAppEngine(runtime.engine);
      const admin = await signIn(app, "admin", TEST_ADMIN_PASSWORD);
      const page = await app.fetch(
        new Request("http://app/health", { headers: { cookie: admin } }),
      );
      const html = await page.text();
      assert.match(html, /data-testid="run-reconcile"/);
      assert.match(html, /<button type="submit">지금 실행<\/button>/);

      const response = await app.fetch(
        new Request("http://app/health", {
          method: "POST",
          headers: { cookie: admin, "sec-fetch-site": "same-origin" },
          body: new URLSearchParams({ csrf: csrfOf(admin), job: "reconcile" }),
        }),
      );
      const after = await response.text();
      assert.equal(response.status, 200);
      assert.match(after, /data-testid="job-run-notice"[^>]*>reconcile 작업을 실행했습니다\./);
      const run = (await runtime.engine!.jobs()).find((job) => job.name === "reconcile")?.lastRun;
      assert.equal(run?.state, "ok");

      const forged = await app.fetch(
        new Request("http://app/health", {
          method: "POST",
          headers: { cookie: admin, "sec-fetch-site": "same-origin" },
          body: new URLSearchParams({ csrf: "forged", job: "reconcile" }),
        }),
      );
      assert.match(await forged.text(), /data-testid="job-run-notice"[^>]*>[^<]*보안 토큰/);
    } finally {
      await runtime.close();
    }
  } finally {
    bundles.close();
    await removeKv(kvPath);
  }
});
