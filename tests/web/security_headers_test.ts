import assert from "node:assert/strict";
import { SECURITY_HEADERS, securityHeaders } from "@/core/web/mod.ts";
import type { Middleware } from "@/core/web/define.ts";

/** Runs the middleware over a request whose handler answers `response`. */
function through(response: Response): Promise<Response> {
  const ctx = { next: () => Promise.resolve(response) } as unknown as Parameters<Middleware>[0];
  return Promise.resolve(securityHeaders()(ctx));
}

Deno.test("security headers go on the answer itself when its headers can take them, not on a copy", async () => {
  const answer = Response.json({ ok: true }, { headers: { "x-frame-options": "DENY" } });
  const sent = await through(answer);
  assert.equal(sent, answer);
  assert.equal(sent.headers.get("x-frame-options"), "DENY", "an answer's own value stays");
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    if (name !== "x-frame-options") assert.equal(sent.headers.get(name), value);
  }
});

Deno.test("an answer with immutable headers gets them on a copy with its status and body", async () => {
  const redirect = Response.redirect("http://localhost/blog", 303);
  const sent = await through(redirect);
  assert.notEqual(sent, redirect);
  assert.equal(sent.status, 303);
  assert.equal(sent.headers.get("location"), "http://localhost/blog");
  assert.equal(sent.headers.get("x-content-type-options"), "nosniff");
});
