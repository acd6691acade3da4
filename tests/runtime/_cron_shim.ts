/**
 * Preloaded (`deno run --preload`) before main.ts by tests/runtime/main_crons_test.ts: replaces
 * `Deno.cron` with a recorder and wraps `Deno.openKv`, each writing one `{"shim":…}` line to stdout
 * when called, so the test sees whether every cron was registered before the first start-up work.
 * @module
 */
const encoder = new TextEncoder();
const say = (line: Record<string, unknown>) =>
  Deno.stdout.writeSync(encoder.encode(`${JSON.stringify({ shim: true, ...line })}\n`));

Object.defineProperty(Deno, "cron", {
  configurable: true,
  value: (name: string, schedule: string) => {
    say({ call: "cron", name, schedule });
    return Promise.resolve();
  },
});

const openKv = Deno.openKv;
Object.defineProperty(Deno, "openKv", {
  configurable: true,
  value: (...args: Parameters<typeof Deno.openKv>) => {
    say({ call: "openKv" });
    return openKv.apply(Deno, args);
  },
});
