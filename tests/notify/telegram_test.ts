import assert from "node:assert/strict";
import { escapeMarkdownV2, Secret, TelegramChannel, telegramText } from "../../core/notify/mod.ts";
import { note, recordingServer } from "./_support.ts";

const TOKEN = "123456789:AAH-test_bot-token-value";

/**
 * The Bot API's sendMessage on loopback: checks the path carries the token, the JSON body, then
 * answers with `reply` (default a sent Message).
 */
function botApi(reply?: (index: number) => Response) {
  return recordingServer((request, index) => {
    if (request.method !== "POST" || request.path !== `/bot${TOKEN}/sendMessage`) {
      return Response.json({ ok: false, error_code: 404, description: "Not Found" }, {
        status: 404,
      });
    }
    if (request.headers.get("content-type") !== "application/json") {
      return Response.json({ ok: false, error_code: 400, description: "Bad Request" }, {
        status: 400,
      });
    }
    const body = JSON.parse(request.body);
    if (typeof body.chat_id !== "string" || typeof body.text !== "string") {
      return Response.json({
        ok: false,
        error_code: 400,
        description: "Bad Request: message text is empty",
      }, { status: 400 });
    }
    return reply?.(index) ??
      Response.json({
        ok: true,
        result: { message_id: index + 1, date: 1_700_000_000, chat: { id: -100, type: "private" } },
      });
  });
}

Deno.test("MarkdownV2 escaping covers every reserved character", () => {
  assert.equal(
    escapeMarkdownV2("_*[]()~`>#+-=|{}.!\\"),
    "\\_\\*\\[\\]\\(\\)\\~\\`\\>\\#\\+\\-\\=\\|\\{\\}\\.\\!\\\\",
  );
  assert.equal(escapeMarkdownV2("수익률 1.5% (KRW 10,000)"), "수익률 1\\.5% \\(KRW 10,000\\)");
});

Deno.test("telegram text: bold escaped title, escaped body, link, kept under 4096", () => {
  const text = telegramText(note({ title: "A.B", body: "x-y", link: "https://h/a_(b)" }));
  assert.equal(text, "ℹ️ *A\\.B*\n\nx\\-y\n\n[열기](https://h/a_(b\\))");
  const long = telegramText(note({ body: "가".repeat(10_000) }));
  assert.ok(long.length <= 4096);
  assert.ok(long.endsWith("…"));
});

Deno.test("telegram sends MarkdownV2 to the chat and reads ok:true as delivered", async () => {
  await using server = botApi();
  const channel = new TelegramChannel({
    botToken: new Secret(TOKEN),
    chatId: "-1001234567890",
    apiUrl: server.url,
  });
  assert.deepEqual(await channel.send(note()), { status: "delivered" });
  const body = JSON.parse(server.requests[0]!.body);
  assert.equal(body.chat_id, "-1001234567890");
  assert.equal(body.parse_mode, "MarkdownV2");
  assert.equal(body.text, telegramText(note()));
});

Deno.test("telegram flood control: 429 with parameters.retry_after is retryable after that wait", async () => {
  await using server = botApi(() =>
    Response.json({
      ok: false,
      error_code: 429,
      description: "Too Many Requests: retry after 7",
      parameters: { retry_after: 7 },
    }, { status: 429 })
  );
  const channel = new TelegramChannel({
    botToken: new Secret(TOKEN),
    chatId: "1",
    apiUrl: server.url,
  });
  assert.deepEqual(await channel.send(note()), {
    status: "retryable",
    reason: "telegram 429: Too Many Requests: retry after 7",
    retryAfterMs: 7_000,
  });
});

Deno.test("telegram: a refused chat is permanent, a gateway error retryable", async () => {
  const answers = [
    Response.json({ ok: false, error_code: 400, description: "Bad Request: chat not found" }, {
      status: 400,
    }),
    new Response("<html>502 Bad Gateway</html>", { status: 502 }),
  ];
  await using server = botApi((index) => answers[index]!);
  const channel = new TelegramChannel({
    botToken: new Secret(TOKEN),
    chatId: "1",
    apiUrl: server.url,
  });
  assert.deepEqual(await channel.send(note()), {
    status: "permanent",
    reason: "telegram 400: Bad Request: chat not found",
  });
  const gateway = await channel.send(note());
  assert.equal(gateway.status, "retryable");
});

Deno.test("telegram: an unreachable API is retryable and the reason hides the token", async () => {
  const server = botApi();
  const url = server.url;
  await server[Symbol.asyncDispose]();
  const channel = new TelegramChannel({ botToken: new Secret(TOKEN), chatId: "1", apiUrl: url });
  const result = await channel.send(note());
  assert.equal(result.status, "retryable");
  assert.ok(result.reason.startsWith("network: "));
  assert.ok(!JSON.stringify(result).includes(TOKEN));
  assert.ok(!JSON.stringify(result).includes("AAH-test"));
});
