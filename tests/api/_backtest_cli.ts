/**
 * `deno task backtest` run as a user runs it, for tests that compare the API's report with it.
 * @module
 */
import assert from "node:assert/strict";

const CLI = new URL("../../cli/backtest.ts", import.meta.url).pathname;

/** `deno task backtest ... --json`, run as a subprocess, parsed. */
export async function cliReport(...args: string[]): Promise<{ trades: unknown[] }> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", CLI, ...args, "--json"],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  assert.equal(output.code, 0, decode(output.stderr));
  return JSON.parse(decode(output.stdout));
}
