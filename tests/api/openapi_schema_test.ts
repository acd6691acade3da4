import assert from "node:assert/strict";
import { Validator } from "@seriousme/openapi-schema-validator";
import { createApiApp, OPENAPI_PATH } from "@/core/api/app.ts";

Deno.test("/api/v1/openapi.json validates against the OpenAPI 3.1 schema", async (t) => {
  const document = await (await createApiApp().request(OPENAPI_PATH)).json();
  const validator = new Validator();

  await t.step("the app's document is valid 3.1", async () => {
    const result = await validator.validate(structuredClone(document));
    assert.deepEqual(result.errors ?? [], []);
    assert.equal(result.valid, true);
    assert.equal(validator.version, "3.1");
  });

  await t.step("the validator is not blind: a broken copy of the document fails", async () => {
    const broken = structuredClone(document);
    const [path] = Object.keys(broken.paths);
    const [method] = Object.keys(broken.paths[path!]);
    broken.paths[path!][method!].responses = "none";
    const result = await new Validator().validate(broken);
    assert.equal(result.valid, false);
  });
});
