import assert from "node:assert/strict";
import { computed, Signal, signal } from "@preact/signals";
import { escapeForScript, parse, SerializationError, stringify } from "@/core/web/serialize.ts";

const roundTrip = (value: unknown) => parse(stringify(value));

Deno.test("stringify() and parse() round-trip every supported value", async (t) => {
  await t.step("JSON values", () => {
    const value = {
      a: 1,
      b: "two",
      c: [true, false, null],
      d: { nested: { deep: [1, [2, [3]]] } },
      e: "",
      f: 0,
    };
    assert.deepEqual(roundTrip(value), value);
  });

  await t.step("values JSON cannot carry", () => {
    const out = roundTrip([
      undefined,
      NaN,
      Infinity,
      -Infinity,
      -0,
      12345678901234567890n,
    ]) as unknown[];
    assert.equal(out[0], undefined);
    assert.ok(Number.isNaN(out[1]));
    assert.equal(out[2], Infinity);
    assert.equal(out[3], -Infinity);
    assert.ok(Object.is(out[4], -0));
    assert.equal(out[5], 12345678901234567890n);
  });

  await t.step("sparse arrays keep their holes", () => {
    // deno-lint-ignore no-sparse-arrays
    const out = roundTrip([1, , 3]) as unknown[];
    assert.equal(out.length, 3);
    assert.equal(1 in out, false);
  });

  await t.step("Date and Uint8Array", () => {
    const out = roundTrip({
      when: new Date("2026-11-27T09:00:00.123Z"),
      bytes: new Uint8Array([0, 1, 127, 128, 255]),
    }) as {
      when: Date;
      bytes: Uint8Array;
    };
    assert.ok(out.when instanceof Date);
    assert.equal(out.when.toISOString(), "2026-11-27T09:00:00.123Z");
    assert.ok(out.bytes instanceof Uint8Array);
    assert.deepEqual([...out.bytes], [0, 1, 127, 128, 255]);
  });

  await t.step("a signal arrives as a signal with its value", () => {
    const out = roundTrip({ s: signal({ n: 3 }) }) as { s: Signal<{ n: number }> };
    assert.ok(out.s instanceof Signal);
    assert.deepEqual(out.s.value, { n: 3 });
  });

  await t.step("one signal passed twice arrives as one signal", () => {
    const shared = signal(1);
    const [a, b] = roundTrip([{ count: shared }, { value: shared }]) as [
      { count: Signal<number> },
      { value: Signal<number> },
    ];
    assert.equal(a.count, b.value);
    a.count.value = 9;
    assert.equal(b.value.value, 9);
  });

  await t.step("two different signals stay two signals", () => {
    const [a, b] = roundTrip([signal(1), signal(1)]) as Signal<number>[];
    assert.notEqual(a, b);
  });

  await t.step("a computed signal arrives as a read-only signal of its value", () => {
    const base = signal(2);
    const out = roundTrip(computed(() => base.value * 21)) as Signal<number>;
    assert.ok(out instanceof Signal);
    assert.equal(out.value, 42);
  });

  await t.step("shared and circular references are kept", () => {
    const shared = { x: 1 };
    const cyclic: Record<string, unknown> = { shared, again: shared };
    cyclic.self = cyclic;
    const out = roundTrip(cyclic) as Record<string, unknown>;
    assert.equal(out.shared, out.again);
    assert.equal(out.self, out);
  });
});

Deno.test("stringify() refuses what cannot reach the browser, naming the path", async (t) => {
  const refuse = (value: unknown, path: string, reason: RegExp) => {
    assert.throws(() => stringify(value), (error: unknown) => {
      assert.ok(error instanceof SerializationError);
      assert.equal(error.path.join("."), path);
      assert.match(error.message, reason);
      return true;
    });
  };
  await t.step("functions", () => refuse({ onClick: () => {} }, "onClick", /is a function/));
  await t.step(
    "functions deep inside",
    () => refuse({ a: [{ b: Math.max }] }, "a.0.b", /is a function/),
  );
  await t.step("symbols", () => refuse({ s: Symbol("x") }, "s", /is a symbol/));
  await t.step("class instances", () => refuse({ m: new Map() }, "m", /Map instance/));
  await t.step(
    "JSX",
    () =>
      refuse({ children: { type: "p", props: {}, constructor: undefined } }, "children", /is JSX/),
  );
});

Deno.test("escapeForScript() keeps </script> and <!-- from ending a script element", () => {
  const json = stringify({ text: "</script><script>alert(1)</script><!-- \u2028" });
  const escaped = escapeForScript(json);
  assert.ok(!escaped.includes("<"));
  assert.ok(!escaped.includes("\u2028"));
  assert.deepEqual(parse(escaped), { text: "</script><script>alert(1)</script><!-- \u2028" });
});
