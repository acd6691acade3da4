/**
 * A process hosting a simulator whose ledger is the KV file `Deno.args[0]`, seed `Deno.args[1]`,
 * manual clock at `Deno.args[2]` (ISO); prints `{ restUrl, credentials }` as one JSON line, then
 * serves until killed.
 * @module
 */
import { manualSimulator } from "../_support/simulator.ts";

const [path, seed, start] = Deno.args;
if (!path || !seed || !start) throw new TypeError("usage: _ledger_host.ts <kv> <seed> <start>");
const kv = await Deno.openKv(path);
const sim = await manualSimulator({
  seed: Number(seed),
  start: new Date(start),
  kv,
  rateLimit: false,
});
const line = JSON.stringify({ restUrl: sim.restUrl, credentials: sim.credentials });
await Deno.stdout.write(new TextEncoder().encode(`${line}\n`));
