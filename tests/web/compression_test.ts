import assert from "node:assert/strict";
import * as zlib from "node:zlib";
import { createApp } from "@/core/web/mod.ts";
import { negotiateEncoding } from "@/core/web/compress.ts";
import { buildFixtureClient, FIXTURE_ROOT, loadFixtureManifest } from "./_fixture.ts";

/** Decompressed bytes as a plain Uint8Array (node:zlib returns a Buffer). */
const unbrotli = (bytes: Uint8Array) => new Uint8Array(zlib.brotliDecompressSync(bytes));
const gunzip = (bytes: Uint8Array) => new Uint8Array(zlib.gunzipSync(bytes));

Deno.test("negotiateEncoding() honours q-values and prefers brotli on a tie", () => {
  assert.equal(negotiateEncoding("gzip, deflate, br"), "br");
  assert.equal(negotiateEncoding("gzip;q=1, br;q=0.5"), "gzip");
  assert.equal(negotiateEncoding("br;q=0, gzip"), "gzip");
  assert.equal(negotiateEncoding("*"), "br");
  assert.equal(negotiateEncoding("identity"), null);
  assert.equal(negotiateEncoding(null), null);
});

/**
 * One raw HTTP/1.1 exchange, so the test sees the bytes on the wire (`fetch` would decompress
 * them).
 */
async function rawGet(
  port: number,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Headers; body: Uint8Array }> {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  const lines = [`GET ${path} HTTP/1.1`, "host: localhost", "connection: close"];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  await conn.write(new TextEncoder().encode(lines.join("\r\n") + "\r\n\r\n"));
  const bytes = new Uint8Array(await new Response(conn.readable).arrayBuffer());
  const split = bytes.findIndex((_, i) =>
    bytes[i] === 13 && bytes[i + 1] === 10 && bytes[i + 2] === 13 && bytes[i + 3] === 10
  );
  const head = new TextDecoder().decode(bytes.subarray(0, split)).split("\r\n");
  const parsed = new Headers(
    head.slice(1).map((line) => {
      const colon = line.indexOf(":");
      return [line.slice(0, colon).trim(), line.slice(colon + 1).trim()] as [string, string];
    }),
  );
  return {
    status: Number(head[0]!.split(" ")[1]),
    headers: parsed,
    body: bytes.subarray(split + 4),
  };
}

Deno.test("text responses are compressed for clients that accept it", async (t) => {
  const build = await buildFixtureClient();
  const app = await createApp(await loadFixtureManifest());
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, app.fetch);
  const port = server.addr.port;
  const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  try {
    await t.step("the build writes brotli and gzip copies of every bundle", async () => {
      for (const url of [build.boot, ...Object.values(build.islands)]) {
        const file = `${FIXTURE_ROOT}/_fresh/js/${url.split("/").pop()}`;
        const original = await Deno.readFile(file);
        assert.deepEqual(unbrotli(await Deno.readFile(`${file}.br`)), original);
        assert.deepEqual(gunzip(await Deno.readFile(`${file}.gz`)), original);
      }
    });

    await t.step("a bundle goes out pre-compressed, with Vary and a per-coding ETag", async () => {
      const plain = await rawGet(port, build.boot, {});
      const br = await rawGet(port, build.boot, { "accept-encoding": "gzip, br" });
      const gz = await rawGet(port, build.boot, { "accept-encoding": "gzip" });
      assert.equal(plain.headers.get("content-encoding"), null);
      assert.equal(br.headers.get("content-encoding"), "br");
      assert.equal(gz.headers.get("content-encoding"), "gzip");
      for (const res of [plain, br, gz]) {
        assert.equal(res.headers.get("vary"), "Accept-Encoding");
        assert.match(res.headers.get("content-type") ?? "", /^text\/javascript/);
      }
      assert.equal(Number(br.headers.get("content-length")), br.body.length);
      assert.ok(
        br.body.length < plain.body.length / 2,
        `${br.body.length} of ${plain.body.length}`,
      );
      assert.deepEqual(unbrotli(br.body), plain.body);
      assert.deepEqual(gunzip(gz.body), plain.body);
      const etag = plain.headers.get("etag")!;
      assert.equal(br.headers.get("etag"), etag.replace(/"$/, '-br"'));
      assert.equal(gz.headers.get("etag"), etag.replace(/"$/, '-gzip"'));
    });

    await t.step("If-None-Match matches the coding the client would get", async () => {
      const br = await rawGet(port, build.boot, { "accept-encoding": "br" });
      const again = await rawGet(port, build.boot, {
        "accept-encoding": "br",
        "if-none-match": br.headers.get("etag")!,
      });
      assert.equal(again.status, 304);
      const otherCoding = await rawGet(port, build.boot, {
        "accept-encoding": "gzip",
        "if-none-match": br.headers.get("etag")!,
      });
      assert.equal(otherCoding.status, 200);
    });

    await t.step("an SVG from static/ is compressed too; a tiny file is not", async () => {
      const svg = await rawGet(port, "/dots.svg", { "accept-encoding": "br" });
      assert.equal(svg.headers.get("content-encoding"), "br");
      assert.match(text(unbrotli(svg.body)), /^<svg /);
      const tiny = await rawGet(port, "/hello.txt", { "accept-encoding": "br" });
      assert.equal(tiny.headers.get("content-encoding"), null);
    });

    await t.step("HTML pages and JSON answers are compressed as they go out", async () => {
      const page = await rawGet(port, "/islands", { "accept-encoding": "gzip" });
      assert.equal(page.headers.get("content-encoding"), "gzip");
      assert.equal(page.headers.get("vary"), "Accept-Encoding");
      assert.match(text(gunzip(page.body)), /frsh:island:Counter/);
      const json = await rawGet(port, "/quotes", { "accept-encoding": "br" });
      assert.equal(json.headers.get("content-encoding"), "br");
      assert.equal(JSON.parse(text(unbrotli(json.body))).length, 100);
      const head = await fetch(`http://127.0.0.1:${port}/islands`, {
        method: "HEAD",
        headers: { "accept-encoding": "br" },
      });
      assert.equal(head.headers.get("vary"), "Accept-Encoding", "HEAD varies as GET does");
      const identity = await rawGet(port, "/quotes", {});
      assert.equal(identity.headers.get("content-encoding"), null);
      assert.equal(JSON.parse(text(identity.body)).length, 100);
    });
  } finally {
    await server.shutdown();
  }
});
