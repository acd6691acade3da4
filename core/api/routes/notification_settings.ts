/**
 * `GET/PUT /api/v1/settings/notifications`: the configured channels (kind and masked target; the
 * secrets stay in the environment), the quiet hours and the kinds of message that are sent, the
 * last two versioned and audited; `POST /api/v1/settings/notifications/test` sends a test message
 * through each channel (or one) directly and answers how each took it.
 * @module
 */
import { createRoute, z } from "@hono/zod-openapi";
import {
  KINDS,
  notifyPreferencesSchema,
  readNotifyPreferences,
  saveNotifyPreferences,
  sendTest,
  testNotification,
} from "../../notify/mod.ts";
import { secured } from "../access.ts";
import { errorContent, jsonContent } from "../content.ts";
import type { ApiApp, ApiOptions } from "../context.ts";
import { ApiError } from "../errors.ts";
import { requireStore } from "../needs.ts";
import { conflictApiError, ifMatchHeaders, setEtag, versionFromIfMatch } from "../versions.ts";

const channelSchema = z.object({
  channel: z.string(),
  kind: z.enum(["webhook", "telegram", "slack", "kakao"]),
  target: z.string().openapi({ description: "Where it sends, masked (never a secret)" }),
});

const settingsSchema = z.object({
  channels: z.array(channelSchema),
  quietHours: z.object({ start: z.string(), end: z.string() }).nullable()
    .openapi({ description: "KST; non-urgent messages wait until `end` (null: none)" }),
  enabledKinds: z.array(z.enum(KINDS)),
  version: z.string().nullable().openapi({ description: "Null until first saved; If-Match" }),
}).openapi("NotificationSettings");

const testResultSchema = z.object({
  results: z.array(z.object({
    channel: z.string(),
    ok: z.boolean(),
    error: z.string().optional().openapi({ description: "The channel's reason, redacted" }),
  })),
}).openapi("NotificationTest");

const PATH = "/api/v1/settings/notifications";

const getRoute = secured(
  "admin",
  createRoute({
    method: "get",
    path: PATH,
    tags: ["settings"],
    summary: "Notification channels (masked), quiet hours and enabled kinds",
    responses: {
      200: { description: "The settings in force", content: jsonContent(settingsSchema) },
      503: { description: "No store configured", content: errorContent },
    },
  }),
);

const putRoute = secured(
  "admin",
  createRoute({
    method: "put",
    path: PATH,
    tags: ["settings"],
    summary: "Replace the quiet hours and enabled kinds; audited",
    request: {
      headers: ifMatchHeaders,
      body: { required: true, content: jsonContent(notifyPreferencesSchema) },
    },
    responses: {
      200: { description: "The settings now in force", content: jsonContent(settingsSchema) },
      400: { description: "A field is invalid", content: errorContent },
      409: { description: "`version_conflict`: changed since If-Match", content: errorContent },
      503: { description: "No store configured", content: errorContent },
    },
  }),
);

const testRoute = secured(
  "admin",
  createRoute({
    method: "post",
    path: `${PATH}/test`,
    tags: ["settings"],
    summary: "Send a test message now through each channel, or the one named",
    request: {
      body: {
        required: false,
        content: jsonContent(z.strictObject({ channel: z.string().min(1).max(40).optional() })),
      },
    },
    responses: {
      200: { description: "How each channel took it", content: jsonContent(testResultSchema) },
      404: { description: "No channel of that name", content: errorContent },
      409: { description: "`no_channels`: none is configured", content: errorContent },
    },
  }),
);

/** Registers the notification settings routes. */
export function registerNotificationSettingsRoutes(app: ApiApp, options: ApiOptions): void {
  const channels = options.notifications?.channels ?? [];
  const envQuietHours = options.notifications?.envQuietHours ?? null;
  const answer = async (kv: Deno.Kv) => {
    const stored = await readNotifyPreferences(kv, envQuietHours);
    return {
      channels: channels.map(({ target }) => target),
      ...stored.preferences,
      version: stored.versionstamp,
    };
  };

  app.openapi(getRoute, async (c) => {
    const body = await answer(requireStore(options).kv);
    if (body.version !== null) setEtag(c, body.version);
    return c.json(body, 200);
  });

  app.openapi(putRoute, async (c) => {
    const store = requireStore(options);
    const pinned = versionFromIfMatch(c.req.valid("header")["if-match"]);
    const expected = pinned ??
      (await readNotifyPreferences(store.kv, envQuietHours)).versionstamp;
    const by = c.get("principal")!.username;
    await saveNotifyPreferences(store, c.req.valid("json"), expected, by, envQuietHours)
      .catch((error) => Promise.reject(conflictApiError(error, "the notification settings")));
    const body = await answer(store.kv);
    setEtag(c, body.version!);
    return c.json(body, 200);
  });

  app.openapi(testRoute, async (c) => {
    const named = c.req.valid("json")?.channel;
    if (channels.length === 0) {
      throw new ApiError(409, "no_channels", "no notification channel is configured");
    }
    const chosen = channels.filter(({ channel }) => named === undefined || channel.name === named);
    if (chosen.length === 0) {
      throw new ApiError(404, "not_found", `no channel named ${named}`, {
        details: [{
          field: "body.channel",
          message: `configured: ${channels.map(({ channel }) => channel.name).join(", ")}`,
        }],
      });
    }
    const now = options.store?.now() ?? Date.now();
    const results = await sendTest(chosen.map(({ channel }) => channel), testNotification(now));
    return c.json({ results }, 200);
  });
}
