/**
 * Run as a child process with `OTEL_DENO=true`: places one market buy through an order journal on
 * the simulator, so the test reading the exported spans sees a real placement. Prints the order's
 * status.
 * @module
 */
import { parseSymbolCode } from "@/core/krx/mod.ts";
import { startJournal } from "../trading/_journal.ts";

await using rig = await startJournal();
const order = await rig.journal.placeOrder({
  idempotencyKey: "traced-1",
  order: { symbol: parseSymbolCode("005930"), side: "buy", type: "market", quantity: 1 },
});
// deno-lint-ignore no-console -- the parent test reads the outcome from stdout
console.log(order.status);
