/**
 * The observing process of `_kill_switch_latency.ts`: opens the KV file `Deno.args[0]` and, in
 * mode `Deno.args[1]` (`poll` every `Deno.args[2]` ms, or `watch`), prints `seen <on> <epoch ms>`
 * each time it sees the kill switch change; `ready` once it is looking.
 * @module
 */
import { readKillSwitch, watchKillSwitch } from "../core/trading/mod.ts";

const encoder = new TextEncoder();
const say = (line: string) => Deno.stdout.writeSync(encoder.encode(`${line}\n`));
const stamp = () => performance.timeOrigin + performance.now();

const [path, mode, pollMs] = Deno.args;
if (!path || (mode !== "poll" && mode !== "watch")) {
  throw new TypeError("usage: _kill_switch_observer.ts <kv> poll|watch [pollMs]");
}
using kv = await Deno.openKv(path);
let last = (await readKillSwitch(kv)).state.on;
say("ready");
if (mode === "watch") {
  for await (const state of watchKillSwitch(kv)) {
    if (state.on !== last) say(`seen ${state.on} ${stamp()}`);
    last = state.on;
  }
} else {
  for (;;) {
    const { on } = (await readKillSwitch(kv)).state;
    if (on !== last) say(`seen ${on} ${stamp()}`);
    last = on;
    await new Promise((resolve) => setTimeout(resolve, Number(pollMs ?? 5)));
  }
}
