import assert from "node:assert/strict";
import { clockCron } from "../../core/engine/mod.ts";

const at = (iso: string) => new Date(iso).getTime();

Deno.test("a clock cron fires on the minutes of its own clock, once each", async (t) => {
  let now = at("2026-11-27T00:10:20Z"); // Friday 09:10:20 KST
  const demo = clockCron(() => now);
  const fired: string[] = [];
  const record = (name: string) => () => {
    fired.push(`${name}@${new Date(now).toISOString().slice(11, 16)}`);
    return Promise.resolve();
  };
  demo.cron("every-minute", "* 0-6 * * MON-FRI", record("sweep"));
  demo.cron("at-0010", "10 0 * * MON-FRI", record("strategy"));
  demo.cron("sundays", "10 0 * * SUN", record("never"));

  await t.step("the first tick fires the current minute's crons", () => {
    demo.tick();
    assert.deepEqual(fired, ["sweep@00:10", "strategy@00:10"]);
  });
  await t.step("another tick in the same minute fires nothing", () => {
    now += 30_000;
    demo.tick();
    assert.equal(fired.length, 2);
  });
  await t.step("minutes passed between ticks fire once each, at most five back", () => {
    fired.length = 0;
    now = at("2026-11-27T00:13:05Z");
    demo.tick();
    assert.equal(fired.filter((f) => f.startsWith("sweep")).length, 3);
    fired.length = 0;
    now = at("2026-11-27T01:00:00Z");
    demo.tick();
    assert.equal(fired.length, 6, "the hour jumped: only the last five minutes and this one");
  });
  await t.step("a name registered twice is refused; after stop nothing fires", () => {
    assert.throws(() => demo.cron("at-0010", "* * * * *", record("x")), /already registered/);
    fired.length = 0;
    demo.stop();
    now += 60_000;
    demo.tick();
    assert.deepEqual(fired, []);
  });
});

Deno.test("a bad expression is refused when it is registered", () => {
  const demo = clockCron(() => 0);
  assert.throws(() => demo.cron("bad", "* * * * 1", () => Promise.resolve()), SyntaxError);
});
