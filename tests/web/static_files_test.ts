import assert from "node:assert/strict";
import { serveStatic } from "@/core/web/static_files.ts";

Deno.test("a folder with fixed top-level names serves them and looks for nothing else on disk", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/a.txt`, "a");
    await Deno.mkdir(`${dir}/css`);
    await Deno.writeTextFile(`${dir}/css/b.css`, "b{}");
    const serve = serveStatic({ dir, prefix: "/", cacheControl: "no-cache", fixedTopLevel: true });
    const get = async (path: string) => {
      const res = await serve(new Request(`http://localhost${path}`));
      return res === null ? null : await res.text();
    };
    assert.equal(await get("/a.txt"), "a");
    assert.equal(await get("/css/b.css"), "b{}");
    assert.equal(await get("/api/v1/portfolio"), null);
    await Deno.writeTextFile(`${dir}/css/c.css`, "c{}");
    assert.equal(await get("/css/c.css"), "c{}", "under a known name the disk is asked");
    await Deno.writeTextFile(`${dir}/late.txt`, "late");
    assert.equal(await get("/late.txt"), null, "a new top-level name waits for a restart");
    const plain = serveStatic({ dir, prefix: "/", cacheControl: "no-cache" });
    assert.equal(await (await plain(new Request("http://localhost/late.txt")))?.text(), "late");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
