import assert from "node:assert/strict";
import { PROJECT_ROOT } from "../e2e/_app_server.ts";

Deno.test("deno task bench:api runs briefly: a good token is answered 200, a forged one 401", async () => {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "bench/api_load.ts", "--seconds=1", "--connections=2"],
    cwd: PROJECT_ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stdout = new TextDecoder().decode(out.stdout);
  assert.ok(out.success, `${stdout}\n${new TextDecoder().decode(out.stderr)}`);
  assert.match(stdout, /generator: (wrk|deno \(wrk not installed\))/);
  const { good, bad } = JSON.parse(stdout.trim().split("\n").at(-1)!);
  assert.ok(good.requests > 0 && bad.requests > 0);
  assert.equal(good.non2xx, 0, "every good request was answered 2xx");
  assert.equal(bad.non2xx, bad.requests, "every forged token was refused");
  assert.deepEqual([good.socketErrors, bad.socketErrors], [0, 0]);
});

Deno.test("the Deno load generator measures the same way when wrk is not there", async () => {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "bench/api_load.ts", "--seconds=1", "--connections=2", "--generator=deno"],
    cwd: PROJECT_ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stdout = new TextDecoder().decode(out.stdout);
  assert.ok(out.success, stdout);
  const { good, bad } = JSON.parse(stdout.trim().split("\n").at(-1)!);
  assert.deepEqual([good.generator, good.non2xx, bad.non2xx === bad.requests], ["deno", 0, true]);
  assert.ok(good.requests > 0 && good.p99Ms >= good.p50Ms);
});
