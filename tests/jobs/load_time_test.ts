import assert from "node:assert/strict";
import { registerCronsAtLoad } from "../../core/jobs/mod.ts";
import type { LogFields, LogLevel } from "../../core/obs/log.ts";
import { TABLE_CRONS } from "./_support.ts";

function recording() {
  const crons = new Map<string, { expression: string; handler: () => Promise<void> }>();
  const signals: AbortSignal[] = [];
  const lines: { level: LogLevel; message: string; fields?: LogFields }[] = [];
  return {
    crons,
    signals,
    lines,
    cron: (name: string, expression: string, handler: () => Promise<void>, signal: AbortSignal) => {
      crons.set(name, { expression, handler });
      signals.push(signal);
    },
    log: (level: LogLevel, message: string, fields?: LogFields) =>
      lines.push({ level, message, fields }),
  };
}

Deno.test("registering at load registers every job of the table on its UTC schedule at once", () => {
  const rec = recording();
  registerCronsAtLoad({ cron: rec.cron, log: rec.log });
  assert.deepEqual(
    [...rec.crons].map(([cronName, { expression }]) => ({ cronName, expression })),
    TABLE_CRONS,
  );
});

Deno.test("a firing before the engine binds is skipped with its reason; after, it runs the bound handler", async () => {
  const rec = recording();
  const crons = registerCronsAtLoad({ cron: rec.cron, log: rec.log });
  await rec.crons.get("reconcile-1")!.handler();
  assert.deepEqual(rec.lines.at(-1), {
    level: "info",
    message: "cron skipped",
    fields: { cron: "reconcile-1", reason: "the engine has not started yet" },
  });
  let runs = 0;
  crons.cron("reconcile-1", "*/5 0-6 * * MON-FRI", () => {
    runs++;
    return Promise.resolve();
  });
  await rec.crons.get("reconcile-1")!.handler();
  assert.equal(runs, 1);
  await rec.crons.get("daily-report")!.handler();
  assert.equal(
    rec.lines.at(-1)?.fields?.reason,
    "this process's engine does not schedule this job",
  );
});

Deno.test("a process that runs no jobs logs its reason at debug; binding a cron not registered at load is refused", async () => {
  const rec = recording();
  const crons = registerCronsAtLoad({ cron: rec.cron, log: rec.log });
  crons.idle("the worker role runs no jobs");
  await rec.crons.get("strategy-run")!.handler();
  assert.deepEqual(rec.lines.at(-1), {
    level: "debug",
    message: "cron skipped",
    fields: { cron: "strategy-run", reason: "the worker role runs no jobs" },
  });
  assert.throws(
    () => crons.cron("strategy-run", "20 0 * * MON-FRI", () => Promise.resolve()),
    /cron "strategy-run" on "20 0 \* \* MON-FRI" was not registered at load \(it was on "10 0,6/,
  );
  assert.throws(() => crons.cron("nightly", "0 0 * * *", () => Promise.resolve()), /no cron/);
});

Deno.test("stop aborts every registration's signal", () => {
  const rec = recording();
  const crons = registerCronsAtLoad({ cron: rec.cron, log: rec.log });
  assert.ok(rec.signals.every((signal) => !signal.aborted));
  crons.stop();
  assert.equal(rec.signals.length, TABLE_CRONS.length);
  assert.ok(rec.signals.every((signal) => signal.aborted));
});
