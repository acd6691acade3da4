import assert from "node:assert/strict";
import { isSymbolCode, parseSymbolCode } from "../../core/krx/mod.ts";

Deno.test("parseSymbolCode accepts 6-digit codes and Q + 6-digit ETN codes", () => {
  assert.equal(parseSymbolCode("005930"), "005930");
  assert.equal(parseSymbolCode("Q500001"), "Q500001");
});

Deno.test("parseSymbolCode rejects malformed codes with a RangeError naming the input", async (t) => {
  for (const bad of ["00593", "0059300", "A005930", "q500001", " 005930", "Q50000", ""]) {
    await t.step(JSON.stringify(bad), () => {
      assert.throws(() => parseSymbolCode(bad), (e: unknown) => {
        assert.ok(e instanceof RangeError);
        assert.ok(e.message.includes(JSON.stringify(bad)), e.message);
        return true;
      });
    });
  }
});

Deno.test("isSymbolCode is true only for strings in code form", () => {
  assert.equal(isSymbolCode("000660"), true);
  assert.equal(isSymbolCode("Q123456"), true);
  assert.equal(isSymbolCode(5930), false);
  assert.equal(isSymbolCode(null), false);
  assert.equal(isSymbolCode("00066"), false);
});
