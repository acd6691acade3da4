import assert from "node:assert/strict";
import { compressResponse } from "@/core/web/compress.ts";

Deno.test("an answer left uncompressed keeps its body and gains Vary: Accept-Encoding", async (t) => {
  const plain = new Request("http://localhost/api/v1/portfolio");

  await t.step("our own response is marked in place, not copied", async () => {
    const response = Response.json({ equity: 1 }, { headers: { vary: "Origin" } });
    const answered = await compressResponse(plain, response);
    assert.equal(answered, response);
    assert.equal(answered.headers.get("vary"), "Origin, Accept-Encoding");
    assert.deepEqual(await answered.json(), { equity: 1 });
  });

  await t.step("a fetched response, whose headers are immutable, is copied", async () => {
    await using server = Deno.serve(
      { hostname: "127.0.0.1", port: 0, onListen: () => {} },
      () => Response.json({ equity: 2 }),
    );
    const fetched = await fetch(`http://127.0.0.1:${server.addr.port}/`);
    assert.throws(() => fetched.headers.set("x", "y"), TypeError);
    const answered = await compressResponse(plain, fetched);
    assert.equal(answered.headers.get("vary"), "Accept-Encoding");
    assert.deepEqual(await answered.json(), { equity: 2 });
  });
});
