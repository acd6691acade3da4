import assert from "node:assert/strict";
import { BrokerError } from "../../../core/broker/mod.ts";
import type { LogFields, LogLevel } from "../../../core/obs/log.ts";
import { parseSymbolCode } from "../../../core/krx/mod.ts";
import { startE2e } from "./_e2e.ts";

const SAMSUNG = parseSymbolCode("005930");

/** A logger that keeps what it is given. */
function collectingLog() {
  const lines: { level: LogLevel; message: string; fields: LogFields }[] = [];
  return {
    lines,
    log: (level: LogLevel, message: string, fields: LogFields = {}) => {
      lines.push({ level, message, fields });
    },
  };
}

Deno.test("a KIS answer without a secondary field is read with its default and one warning per field and TR", async (t) => {
  const logged = collectingLog();
  await using e2e = await startE2e({ rateLimit: false }, {
    requestsPerSecond: 50,
    log: logged.log,
  });
  const { sim, broker } = e2e;
  sim.faults.inject({ kind: "omitFields", fields: ["acml_tr_pbmn", "stck_oprc"] });

  await t.step("the quote arrives: traded value and open read 0, the price is KIS's", async () => {
    const quote = await broker.getQuote(SAMSUNG);
    assert.equal(quote.price, sim.market.price(SAMSUNG));
    assert.equal(quote.tradedValue, 0);
    assert.equal(quote.open, 0);
  });

  await t.step(
    "each missing field is logged once for inquire-price, however often it is read",
    async () => {
      await broker.getQuote(SAMSUNG);
      await broker.getQuote(SAMSUNG);
      assert.deepEqual(
        logged.lines.map((line) => [line.level, line.fields.tr, line.fields.field]).sort(),
        [["warn", "inquire-price", "acml_tr_pbmn"], ["warn", "inquire-price", "stck_oprc"]],
      );
    },
  );

  await t.step("the same field missing from another TR warns again, for that TR", async () => {
    // a bar's open is required, its traded value is not
    sim.faults.clear();
    sim.faults.inject({ kind: "omitFields", fields: ["acml_tr_pbmn"] });
    const today = sim.market.quote(SAMSUNG).date;
    const bars = await broker.getDailyBars(SAMSUNG, { from: today, to: today });
    assert.equal(bars.at(-1)?.tradedValue, 0);
    assert.equal(
      logged.lines.filter((line) => line.fields.field === "acml_tr_pbmn").length,
      2,
    );
  });
});

Deno.test("a missing or malformed required field still fails the call, naming the field", async (t) => {
  await using e2e = await startE2e({ rateLimit: false }, {
    requestsPerSecond: 50,
    log: collectingLog().log,
  });
  const { sim, broker } = e2e;
  await t.step("missing stck_prpr", async () => {
    sim.faults.inject({ kind: "omitFields", fields: ["stck_prpr"], count: 1 });
    const error = await broker.getQuote(SAMSUNG).catch((e: unknown) => e);
    assert.ok(error instanceof BrokerError, `expected a BrokerError, got ${error}`);
    assert.equal(error.category, "server");
    assert.match(error.message, /inquire-price .*stck_prpr/);
  });
  await t.step("a malformed secondary value is not defaulted either", async () => {
    sim.faults.inject({ kind: "corruptFields", fields: { acml_tr_pbmn: "12a" }, count: 1 });
    const error = await broker.getQuote(SAMSUNG).catch((e: unknown) => e);
    assert.ok(error instanceof BrokerError);
    assert.match(error.message, /acml_tr_pbmn expected an integer as text, got "12a"/);
  });
});
