/**
 * A child process for the kill-switch watch test: opens the store file named in argv, prints
 * "watching" once it has the first state, then "on" when `watchKillSwitch` reports the switch on.
 * @module
 */
import { openStore } from "../../core/store/mod.ts";
import { watchKillSwitch } from "../../core/trading/mod.ts";

using store = await openStore({ path: Deno.args[0]! });
for await (const state of watchKillSwitch(store.kv)) {
  // deno-lint-ignore no-console
  console.log(state.on ? "on" : "watching");
  if (state.on) break;
}
