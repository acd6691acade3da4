/**
 * `GET /api/v1/events`: server-sent events of what changes in the store, from any process
 * sharing it (see `event_feed.ts`), and the watched symbols' latest prices (`quote_feed.ts`).
 * Audit-backed events carry `id:`, so a client reconnecting with `Last-Event-ID` gets what it
 * missed; quotes carry none (the latest price wins); a comment line every heartbeat keeps proxies
 * from closing an idle stream.
 * @module
 */
import { createRoute, z } from "@hono/zod-openapi";
import { streamSSE } from "hono/streaming";
import { secured } from "../access.ts";
import { errorContent } from "../content.ts";
import type { ApiApp, ApiOptions } from "../context.ts";
import { AuditFeed, newestAuditId } from "../event_feed.ts";
import { requireStore } from "../needs.ts";
import { QuoteFeed } from "../quote_feed.ts";

/** Defaults of `ApiOptions.events`: poll every second, a heartbeat every 15 s. */
export const EVENTS_DEFAULTS = { pollMs: 1_000, heartbeatMs: 15_000 } as const;

/** How long a browser waits before reconnecting, sent as the stream's `retry:`. */
const RETRY_MS = 3_000;

const eventsRoute = secured(
  "viewer",
  createRoute({
    method: "get",
    path: "/api/v1/events",
    tags: ["events"],
    summary:
      "Server-sent events: kill_switch, order, fill, risk, alert, alert_triggered, config, job, quote",
    request: {
      headers: z.object({
        "last-event-id": z.string().regex(
          /^[0-9A-HJKMNP-TV-Z]{26}$/,
          "an event id this stream sent",
        )
          .optional().openapi({
            param: { name: "last-event-id", in: "header" },
            description: "Resume after this event (browsers send it on reconnect)",
          }),
      }),
    },
    responses: {
      200: {
        description:
          "`text/event-stream`; each event's data is JSON (an audit entry, a job run, or a quote: `{ symbol, price, change, at }`)",
        content: { "text/event-stream": { schema: z.string() } },
      },
      400: { description: "Last-Event-ID is not an id of this stream", content: errorContent },
      503: { description: "No store configured", content: errorContent },
    },
  }),
);

/** Registers the events route. */
export function registerEventRoutes(app: ApiApp, options: ApiOptions): void {
  const { pollMs, heartbeatMs } = { ...EVENTS_DEFAULTS, ...options.events };
  app.openapi(eventsRoute, async (c) => {
    const store = requireStore(options);
    const resumeAfter = c.req.valid("header")["last-event-id"];
    const feed = new AuditFeed(store, resumeAfter ?? await newestAuditId(store));
    const quotes = new QuoteFeed(store);
    return streamSSE(c, async (stream) => {
      await stream.writeSSE({ event: "ready", data: "{}", retry: RETRY_MS });
      let quietSince = Date.now();
      while (!stream.aborted && !stream.closed) {
        const events = [...await feed.poll(), ...await quotes.poll()];
        for (const { event, data, id } of events) {
          await stream.writeSSE({ event, data: JSON.stringify(data), id });
        }
        if (events.length > 0) quietSince = Date.now();
        if (Date.now() - quietSince >= heartbeatMs) {
          await stream.write(": heartbeat\n\n");
          quietSince = Date.now();
        }
        await stream.sleep(pollMs);
      }
    });
  });
}
