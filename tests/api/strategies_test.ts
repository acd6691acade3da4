import assert from "node:assert/strict";
import { createApiApp } from "@/core/api/app.ts";
import { STRATEGIES } from "@/core/strategies/registry.ts";
import { expectError, fieldsOf, signedInAs } from "./_api.ts";

const app = createApiApp({ authenticate: signedInAs("viewer") });

Deno.test("strategies: every built-in with names, JSON Schema and defaults", async (t) => {
  await t.step("the list has every registry strategy", async () => {
    const res = await app.request("/api/v1/strategies");
    assert.equal(res.status, 200);
    const { strategies } = await res.json();
    assert.deepEqual(strategies.map((s: { id: string }) => s.id), Object.keys(STRATEGIES));
  });
  await t.step("one strategy: names in ko and en, schema from zod, defaults", async () => {
    const res = await app.request("/api/v1/strategies/ma-cross");
    assert.equal(res.status, 200);
    const strategy = await res.json();
    assert.deepEqual(strategy.name, STRATEGIES["ma-cross"].name);
    assert.deepEqual(strategy.description, STRATEGIES["ma-cross"].description);
    assert.deepEqual(strategy.defaults, { fast: 5, slow: 20 });
    assert.equal(strategy.paramsSchema.type, "object");
    assert.deepEqual(strategy.paramsSchema.properties.fast, {
      default: 5,
      description: "Fast SMA period in bars",
      type: "integer",
      minimum: 1,
      maximum: 250,
    });
  });
  await t.step("composite's defaults nest its members' parameters", async () => {
    const strategy = await (await app.request("/api/v1/strategies/composite")).json();
    assert.deepEqual(strategy.defaults.members[0], {
      id: "ma-cross",
      params: { fast: 5, slow: 20 },
    });
  });
  await t.step("an unknown id is 404 listing the known ones", async () => {
    const error = await expectError(await app.request("/api/v1/strategies/turtle"), 404);
    assert.equal(error.code, "not_found");
    assert.deepEqual(fieldsOf(error), ["path.id"]);
    assert.match(error.details![0]!.message, /ma-cross, rsi, bollinger, composite/);
  });
});
