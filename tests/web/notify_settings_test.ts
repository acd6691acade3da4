import assert from "node:assert/strict";
import { readNotifyPreferences } from "@/core/notify/mod.ts";
import { recordingServer } from "../notify/_support.ts";
import { openDemoDashboard } from "./_dashboard.ts";
import { getPage, postForm, signIn, TEST_ADMIN_PASSWORD } from "./_session.ts";

const HOOK_TOKEN = "hook-path-token-31337";

Deno.test("the settings page lists the channels masked, saves quiet hours and kinds, and sends a test", async (t) => {
  await using hook = recordingServer(() => new Response("ok"));
  Deno.env.set("NOTIFY_WEBHOOK_URL", `${hook.url}/hooks/${HOOK_TOKEN}`);
  Deno.env.set("NOTIFY_WEBHOOK_SECRET", "page-test-webhook-secret");
  try {
    await using dashboard = await openDemoDashboard();
    const { app, services } = dashboard;
    const admin = await signIn(app, "admin", TEST_ADMIN_PASSWORD);
    const post = (fields: Record<string, string>) => postForm(app, "/settings", admin, fields);

    await t.step("the channel shows with its masked target, never its token", async () => {
      const html = await (await getPage(app, "/settings", admin)).text();
      assert.match(html, /data-testid="channels-table"/);
      assert.ok(html.includes(`${hook.url}/…`));
      assert.ok(!html.includes(HOOK_TOKEN));
      assert.ok(!html.includes("page-test-webhook-secret"));
    });

    await t.step(
      "a bad quiet time is named next to its field in Korean and nothing is saved",
      async () => {
        const response = await post({
          form: "notifications",
          quietStart: "7pm",
          quietEnd: "07:00",
          kind_alert: "on",
        });
        const html = await response.text();
        assert.equal(response.status, 422);
        assert.match(html, /data-testid="notifications-error"/);
        assert.match(html, /name="quietStart"[^>]*value="7pm"/);
        assert.match(
          html,
          /class="field-error" role="alert">00:00부터 23:59 사이의 시각\(HH:MM\)을 입력하세요\./,
        );
        const stored = await readNotifyPreferences(services.store.kv, null);
        assert.equal(stored.versionstamp, null);
      },
    );

    await t.step("quiet hours and the ticked kinds are saved", async () => {
      const response = await post({
        form: "notifications",
        quietStart: "22:30",
        quietEnd: "06:30",
        kind_alert: "on",
        kind_error: "on",
      });
      assert.equal(response.status, 303);
      assert.equal(response.headers.get("location"), "/settings?done=notifications");
      const { preferences } = await readNotifyPreferences(services.store.kv, null);
      assert.deepEqual(preferences, {
        quietHours: { start: "22:30", end: "06:30" },
        enabledKinds: ["alert", "error"],
      });
    });

    await t.step("Send test reaches the receiver and shows each channel's result", async () => {
      const response = await post({ form: "notify_test" });
      const html = await response.text();
      assert.equal(response.status, 200);
      assert.match(html, /data-testid="notify-test-results"/);
      assert.match(html, /<span class="code">webhook<\/span>: 전송됨/);
      assert.equal(hook.requests.length, 1);
    });
  } finally {
    Deno.env.delete("NOTIFY_WEBHOOK_URL");
    Deno.env.delete("NOTIFY_WEBHOOK_SECRET");
  }
});
