import assert from "node:assert/strict";
import { setAppEngine, startRole } from "@/core/runtime/mod.ts";
import { openDemoDashboard } from "./_dashboard.ts";
import { getPage, postForm, signIn, TEST_ADMIN_PASSWORD } from "./_session.ts";

Deno.test("the health page's Run now form runs the job through the API and says how it went", async () => {
  await using dashboard = await openDemoDashboard();
  const { app, services } = dashboard;
  // crons are recorded, not fired: only the form runs a job here
  const runtime = await startRole("web", services, {
    notify: () => Promise.resolve(0),
    cron: () => {},
  });
  try {
    setAppEngine(runtime.engine);
    const admin = await signIn(app, "admin", TEST_ADMIN_PASSWORD);
    const page = await getPage(app, "/health", admin);
    const html = await page.text();
    assert.match(html, /data-testid="run-reconcile"/);
    assert.match(html, /<button type="submit">지금 실행<\/button>/);

    const response = await postForm(app, "/health", admin, { job: "reconcile" });
    const after = await response.text();
    assert.equal(response.status, 200);
    assert.match(after, /data-testid="job-run-notice"[^>]*>reconcile 작업을 실행했습니다\./);
    const run = (await runtime.engine!.jobs()).find((job) => job.name === "reconcile")?.lastRun;
    assert.equal(run?.state, "ok");

    const forged = await postForm(app, "/health", admin, { csrf: "forged", job: "reconcile" });
    assert.match(await forged.text(), /data-testid="job-run-notice"[^>]*>[^<]*보안 토큰/);
  } finally {
    await runtime.close();
  }
});
