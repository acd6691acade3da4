import assert from "node:assert/strict";
import { markdownToMrkdwn, Secret, SlackChannel, slackPayload } from "../../core/notify/mod.ts";
import { note, recordingServer } from "./_support.ts";

const HOOK_PATH = "/services/T0000TEST/B0000TEST/XXXXsecretXXXXXXXXXXXXXX";

/** An incoming webhook on loopback: JSON with `text` or `blocks` in, plain `ok` or an error code out. */
function incomingWebhook(reply?: (index: number) => Response) {
  return recordingServer((request, index) => {
    if (request.method !== "POST" || request.path !== HOOK_PATH) {
      return new Response("no_service", { status: 404 });
    }
    let body: { text?: unknown; blocks?: unknown };
    try {
      body = JSON.parse(request.body);
    } catch {
      return new Response("invalid_payload", { status: 400 });
    }
    if (typeof body.text !== "string" && !Array.isArray(body.blocks)) {
      return new Response("no_text", { status: 400 });
    }
    return reply?.(index) ?? new Response("ok", { headers: { "content-type": "text/html" } });
  });
}

Deno.test("mrkdwn: control characters escaped, bold, links and headings converted", () => {
  assert.equal(
    markdownToMrkdwn("# 일일 보고\n**손익** <+1%> & [주문](https://h/o?a=1&b=2)"),
    "*일일 보고*\n*손익* &lt;+1%&gt; &amp; <https://h/o?a=1&amp;b=2|주문>",
  );
});

Deno.test("slack payload: header, mrkdwn section from Markdown, plain text fallback, link", () => {
  const payload = slackPayload(
    note({ markdown: "**done**", link: "https://h/r", severity: "critical" }),
  );
  assert.equal(
    payload.text,
    ":rotating_light: 삼성전자 손절 발동\n005930 at 71,000 KRW (-5.2%) sold 10 shares.",
  );
  assert.deepEqual(payload.blocks, [
    { type: "header", text: { type: "plain_text", text: "삼성전자 손절 발동", emoji: true } },
    { type: "section", text: { type: "mrkdwn", text: "*done*" } },
    { type: "context", elements: [{ type: "mrkdwn", text: "<https://h/r|열기>" }] },
  ]);
});

Deno.test("slack posts JSON to the webhook and reads the plain ok", async () => {
  await using server = incomingWebhook();
  const channel = new SlackChannel({ webhookUrl: new Secret(server.url + HOOK_PATH) });
  assert.deepEqual(await channel.send(note()), { status: "delivered" });
  const request = server.requests[0]!;
  assert.equal(request.headers.get("content-type"), "application/json");
  assert.deepEqual(JSON.parse(request.body), slackPayload(note()));
});

Deno.test("slack: 429 honours Retry-After, 5xx retryable, 404/410 permanent", async () => {
  const answers = [
    new Response("rate_limited", { status: 429, headers: { "retry-after": "30" } }),
    new Response("rollup_error", { status: 500 }),
    new Response("channel_not_found", { status: 404 }),
    new Response("channel_is_archived", { status: 410 }),
  ];
  await using server = incomingWebhook((index) => answers[index]!);
  const channel = new SlackChannel({ webhookUrl: new Secret(server.url + HOOK_PATH) });
  assert.deepEqual(await channel.send(note()), {
    status: "retryable",
    reason: "slack answered HTTP 429: rate_limited",
    retryAfterMs: 30_000,
  });
  assert.deepEqual(await channel.send(note()), {
    status: "retryable",
    reason: "slack answered HTTP 500: rollup_error",
  });
  assert.deepEqual(await channel.send(note()), {
    status: "permanent",
    reason: "slack answered HTTP 404: channel_not_found",
  });
  assert.deepEqual(await channel.send(note()), {
    status: "permanent",
    reason: "slack answered HTTP 410: channel_is_archived",
  });
});
