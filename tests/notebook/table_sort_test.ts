import assert from "node:assert/strict";
import { table } from "@/core/notebook/mod.ts";
import { browserTestsEnabled, launchChromium } from "../e2e/_browser.ts";

Deno.test({
  name: "clicking a table header sorts by the column's values, then reverses, empty cells last",
  ignore: !browserTestsEnabled(),
  fn: async () => {
    const output = table([
      { symbol: "005930", change: 0.05 },
      { symbol: "000660", change: -0.12 },
      { symbol: "035720", change: 1.5 },
      { symbol: "035420", change: null },
    ], { columns: [{ key: "symbol" }, { key: "change", format: "signedPercent" }] });
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.setContent(`<!doctype html><meta charset="utf-8">${output.markup}`);
      const symbols = () =>
        page.$$eval("tbody tr td:first-child", (cells) => cells.map((cell) => cell.textContent));
      await page.click("th:nth-child(2)");
      assert.deepEqual(await symbols(), ["000660", "005930", "035720", "035420"]);
      await page.click("th:nth-child(2)");
      assert.deepEqual(await symbols(), ["035720", "005930", "000660", "035420"], "empty last");
      await page.click("th:nth-child(1)");
      assert.deepEqual(await symbols(), ["000660", "005930", "035420", "035720"]);
    } finally {
      await browser.close();
    }
  },
});
