import assert from "node:assert/strict";
import { displayWidth, formatNumber, table } from "@/cli/_table.ts";

Deno.test("displayWidth() counts Hangul and other wide characters as two cells", () => {
  assert.equal(displayWidth("005930"), 6);
  assert.equal(displayWidth("삼성전자"), 8);
  assert.equal(displayWidth("SK하이닉스"), 10);
  assert.equal(displayWidth("ＫＯＤＥＸ"), 10);
  assert.equal(displayWidth("e\u0301"), 1);
});

Deno.test("formatNumber() adds thousands separators and keeps a few decimals", () => {
  assert.equal(formatNumber(71234), "71,234");
  assert.equal(formatNumber(71234.567, 2), "71,234.57");
  assert.equal(formatNumber(-1500), "-1,500");
});

Deno.test("table() aligns by display width, numbers to the right", () => {
  const text = table(["name", "qty"], [["삼성전자", 1234], ["NAVER", 5]]);
  assert.deepEqual(text.split("\n"), [
    "name        qty",
    "--------  -----",
    "삼성전자  1,234",
    "NAVER         5",
  ]);
});
