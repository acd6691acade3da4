import assert from "node:assert/strict";
import { apiNotifications } from "@/core/runtime/mod.ts";
import { openStore } from "@/core/store/mod.ts";
import {
  parseNotifyEnv,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  verifyWebhookSignature,
} from "@/core/notify/mod.ts";
import { assertNoSecrets, recordingServer } from "../notify/_support.ts";
import { apiAs, expectError, expectJson, fieldsOf, sendJson } from "./_api.ts";

const WEBHOOK_SECRET = "whsec-0123456789abcdef";
const WEBHOOK_TOKEN = "hook-token-5f2a9c";
const SLACK_TOKEN = "xoxslacktoken7781";

interface Settings {
  channels: { channel: string; kind: string; target: string }[];
  quietHours: { start: string; end: string } | null;
  enabledKinds: string[];
  version: string | null;
}

interface TestAnswer {
  results: { channel: string; ok: boolean; error?: string }[];
}

/** A webhook receiver that takes every message and a Slack one that fails with a 500. */
async function rig() {
  const webhook = recordingServer(() => new Response("ok"));
  const slack = recordingServer(() => new Response(`boom ${SLACK_TOKEN}`, { status: 500 }));
  const store = await openStore({ path: ":memory:" });
  const env = {
    NOTIFY_WEBHOOK_URL: `${webhook.url}/hooks/${WEBHOOK_TOKEN}`,
    NOTIFY_WEBHOOK_SECRET: WEBHOOK_SECRET,
    SLACK_WEBHOOK_URL: `${slack.url}/services/T0/B0/${SLACK_TOKEN}`,
    NOTIFY_QUIET_HOURS: "22:00-07:00",
  };
  const notifications = apiNotifications(store.kv, parseNotifyEnv(env));
  return {
    webhook,
    slack,
    store,
    admin: apiAs("admin", { store, notifications }),
    trader: apiAs("trader", { store, notifications }),
    async [Symbol.asyncDispose]() {
      store.close();
      await webhook[Symbol.asyncDispose]();
      await slack[Symbol.asyncDispose]();
    },
  };
}

Deno.test("GET /settings/notifications lists the channels masked, the env's quiet hours and every kind", async () => {
  await using r = await rig();
  const res = await r.admin.request("/api/v1/settings/notifications");
  const text = await res.clone().text();
  const body = await expectJson<Settings>(res, 200);
  assert.deepEqual(body, {
    channels: [
      { channel: "webhook", kind: "webhook", target: `${r.webhook.url}/…` },
      { channel: "slack", kind: "slack", target: `${r.slack.url}/…` },
    ],
    quietHours: { start: "22:00", end: "07:00" },
    enabledKinds: ["report", "alert", "order", "error"],
    version: null,
  });
  assertNoSecrets(text, [WEBHOOK_SECRET, WEBHOOK_TOKEN, SLACK_TOKEN]);
  await expectError(await r.trader.request("/api/v1/settings/notifications"), 403);
});

Deno.test("PUT /settings/notifications saves quiet hours and kinds, versioned and audited; bad input writes nothing", async () => {
  await using r = await rig();
  const path = "/api/v1/settings/notifications";
  const wanted = { quietHours: { start: "23:30", end: "06:00" }, enabledKinds: ["alert", "error"] };
  const saved = await expectJson<Settings>(await sendJson(r.admin, "PUT", path, wanted), 200);
  assert.deepEqual(saved.quietHours, wanted.quietHours);
  assert.deepEqual(saved.enabledKinds, wanted.enabledKinds);
  assert.ok(saved.version);
  const audit = (await r.store.audit.list()).items
    .filter((e) => e.action === "notification_settings_changed");
  assert.equal(audit.length, 1);
  assert.equal(audit[0]!.data.by, "admin-kim");
  assert.deepEqual((audit[0]!.data.before as Settings).quietHours, {
    start: "22:00",
    end: "07:00",
  });

  const bad = await expectError(
    await sendJson(r.admin, "PUT", path, {
      quietHours: { start: "25:00", end: "06:00" },
      enabledKinds: ["alert", "gossip"],
    }),
    400,
  );
  assert.deepEqual(fieldsOf(bad).sort(), ["body.enabledKinds[1]", "body.quietHours.start"]);
  // each detail carries its issue code and particulars, for clients that word it themselves
  const detail = (field: string) =>
    bad.details!.find((d) => d.field === field) as Record<string, unknown>;
  assert.equal(detail("body.enabledKinds[1]").issue, "invalid_value");
  assert.deepEqual(detail("body.enabledKinds[1]").params, {
    values: "report, alert, order, error",
  });
  assert.equal(detail("body.quietHours.start").issue, "invalid_format");
  const stale = await sendJson(r.admin, "PUT", path, { quietHours: null, enabledKinds: [] }, {
    "if-match": '"00000000000000010000"',
  });
  assert.equal((await expectError(stale, 409)).code, "version_conflict");
  await expectError(await sendJson(r.trader, "PUT", path, wanted), 403);
  const after = await expectJson<Settings>(await r.admin.request(path), 200);
  assert.equal(after.version, saved.version);
  assert.deepEqual(after.enabledKinds, ["alert", "error"]);

  const cleared = await sendJson(r.admin, "PUT", path, { quietHours: null, enabledKinds: [] }, {
    "if-match": `"${saved.version}"`,
  });
  assert.equal((await expectJson<Settings>(cleared, 200)).quietHours, null);
});

Deno.test("POST /settings/notifications/test sends through each channel now and answers per channel, redacted", async () => {
  await using r = await rig();
  // quiet hours cover the whole day: a test message goes out regardless
  await sendJson(r.admin, "PUT", "/api/v1/settings/notifications", {
    quietHours: { start: "00:00", end: "23:59" },
    enabledKinds: [],
  });
  const res = await sendJson(r.admin, "POST", "/api/v1/settings/notifications/test", {});
  const text = await res.clone().text();
  const { results } = await expectJson<TestAnswer>(res, 200);
  assert.deepEqual(results.map(({ channel, ok }) => ({ channel, ok })), [
    { channel: "webhook", ok: true },
    { channel: "slack", ok: false },
  ]);
  assert.match(results[1]!.error ?? "", /slack answered HTTP 500/);
  assertNoSecrets(text, [WEBHOOK_SECRET, WEBHOOK_TOKEN, SLACK_TOKEN]);
  assert.equal(r.webhook.requests.length, 1);
  const received = r.webhook.requests[0]!;
  assert.equal(received.path, `/hooks/${WEBHOOK_TOKEN}`);
  const verdict = await verifyWebhookSignature(WEBHOOK_SECRET, {
    timestamp: received.headers.get(TIMESTAMP_HEADER),
    signature: received.headers.get(SIGNATURE_HEADER),
    body: received.body,
  });
  assert.equal(verdict.ok, true);
  assert.match(JSON.parse(received.body).title, /Yeouido test notification/);
  assert.equal(r.slack.requests.length, 1);
});

Deno.test("POST /settings/notifications/test to one channel sends there only; unknown or none configured is refused", async () => {
  await using r = await rig();
  const path = "/api/v1/settings/notifications/test";
  const one = await expectJson<TestAnswer>(
    await sendJson(r.admin, "POST", path, { channel: "webhook" }),
    200,
  );
  assert.deepEqual(one.results, [{ channel: "webhook", ok: true }]);
  assert.equal(r.slack.requests.length, 0);
  const unknown = await expectError(await sendJson(r.admin, "POST", path, { channel: "fax" }), 404);
  assert.deepEqual(fieldsOf(unknown), ["body.channel"]);
  await expectError(await sendJson(r.trader, "POST", path, {}), 403);
  const bare = apiAs("admin", { store: r.store });
  assert.equal(
    (await expectError(await sendJson(bare, "POST", path, {}), 409)).code,
    "no_channels",
  );
});
