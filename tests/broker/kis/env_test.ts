import assert from "node:assert/strict";
import { TR_IDS, type TrIdEntry } from "../../../core/broker/kis/mod.ts";

Deno.test("TR_IDS gives the mock server's tr_ids as PROTOCOL.md lists them (§4, §7, §9)", () => {
  const table: Readonly<Record<string, TrIdEntry>> = TR_IDS;
  const mockIds = Object.fromEntries(
    Object.entries(table).map(([operation, entry]) => [
      operation,
      entry.old === undefined ? [entry.vts] : [entry.vts, entry.old.vts],
    ]),
  );
  assert.deepEqual(mockIds, {
    price: ["FHKST01010100"],
    dailyChart: ["FHKST03010100"],
    minuteChart: ["FHKST03010200"],
    orderSell: ["VTTC0011U", "VTTC0801U"],
    orderBuy: ["VTTC0012U", "VTTC0802U"],
    reviseCancel: ["VTTC0013U", "VTTC0803U"],
    balance: ["VTTC8434R"],
    buyable: ["VTTC8908R"],
    dailyOrders: ["VTTC0081R", "VTTC8001R"],
    dailyOrdersArchive: ["VTSC9215R", "VTSC9115R"],
    marketDays: ["CTCA0903R"],
    wsOrderNotice: ["H0STCNI9"],
  });
});
