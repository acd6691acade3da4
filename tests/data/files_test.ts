import assert from "node:assert/strict";
import { join } from "node:path";
import { readBars } from "@/core/data/mod.ts";

const CSV = "date,open,high,low,close,volume\n2026-01-02,100,110,90,105,1\n";

Deno.test("readBars() reads a file, or a folder of <code>.csv files in code order", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(join(dir, "000660.csv"), CSV);
    await Deno.writeTextFile(join(dir, "005930.csv"), CSV);
    await Deno.writeTextFile(join(dir, "notes.txt"), "not bars");
    const folder = await readBars(dir);
    assert.equal(folder.folder, true);
    assert.deepEqual(folder.series.map((s) => s.symbol), ["000660", "005930"]);
    const file = await readBars(join(dir, "005930.csv"));
    assert.equal(file.folder, false);
    assert.deepEqual(file.series.map((s) => [s.symbol, s.bars.dates]), [["005930", [
      "2026-01-02",
    ]]]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("readBars() names the path it cannot use", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await assert.rejects(
      readBars(join(dir, "missing.csv")),
      { message: `${join(dir, "missing.csv")}: cannot read: no such file or folder` },
    );
    await assert.rejects(readBars(dir), { message: `${dir}: no <code>.csv files in this folder` });
    await Deno.writeTextFile(join(dir, "samsung.csv"), CSV);
    await assert.rejects(readBars(dir), {
      message: `${join(dir, "samsung.csv")}: the file name must be a symbol code like 005930.csv`,
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
