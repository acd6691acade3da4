import assert from "node:assert/strict";
import type { Notification } from "../../core/notify/mod.ts";

/** A loopback HTTP server that records each request (method, path, headers, body text). */
export interface RecordingServer {
  readonly url: string;
  readonly requests: RecordedRequest[];
  [Symbol.asyncDispose](): Promise<void>;
}

/** One received request. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Headers;
  readonly body: string;
}

/** Serves `answer` on 127.0.0.1 and records every request before answering it. */
export function recordingServer(
  answer: (request: RecordedRequest, index: number) => Response | Promise<Response>,
): RecordingServer {
  const requests: RecordedRequest[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (request) => {
    const url = new URL(request.url);
    const recorded = {
      method: request.method,
      path: url.pathname,
      headers: request.headers,
      body: await request.text(),
    };
    requests.push(recorded);
    return answer(recorded, requests.length - 1);
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    requests,
    [Symbol.asyncDispose]: () => server.shutdown(),
  };
}

/** A notification with sensible defaults. */
export function note(fields: Partial<Notification> = {}): Notification {
  return {
    title: "삼성전자 손절 발동",
    body: "005930 at 71,000 KRW (-5.2%) sold 10 shares.",
    severity: "info",
    kind: "alert",
    dedupeKey: "alert-1",
    ...fields,
  };
}

/** Runs `action` with console.log/console.error captured; returns everything written. */
export async function capturingLogs(action: () => Promise<void>): Promise<string> {
  const lines: string[] = [];
  // deno-lint-ignore no-console
  const original = { log: console.log, error: console.error };
  const capture = (...args: unknown[]) => lines.push(args.map(String).join(" "));
  // deno-lint-ignore no-console
  console.log = capture;
  // deno-lint-ignore no-console
  console.error = capture;
  try {
    await action();
  } finally {
    // deno-lint-ignore no-console
    console.log = original.log;
    // deno-lint-ignore no-console
    console.error = original.error;
  }
  return lines.join("\n");
}

/** Asserts `text` contains none of `secrets`. */
export function assertNoSecrets(text: string, secrets: readonly string[]): void {
  for (const secret of secrets) {
    assert.ok(!text.includes(secret), `a secret leaked: …${secret.slice(-4)}`);
  }
}
