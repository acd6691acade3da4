import assert from "node:assert/strict";
import { parseLogEnv } from "@/core/config/log.ts";

Deno.test("log settings default to JSON lines at every level", () => {
  assert.deepEqual(parseLogEnv({}), { format: "json", level: "debug" });
  assert.deepEqual(parseLogEnv({ LOG_FORMAT: "", LOG_LEVEL: "" }), {
    format: "json",
    level: "debug",
  });
});

Deno.test("LOG_FORMAT and LOG_LEVEL are read", () => {
  assert.deepEqual(parseLogEnv({ LOG_FORMAT: "pretty", LOG_LEVEL: "warn" }), {
    format: "pretty",
    level: "warn",
  });
});

Deno.test("a bad LOG_FORMAT or LOG_LEVEL is refused, naming the variable", () => {
  assert.throws(() => parseLogEnv({ LOG_FORMAT: "xml" }), /LOG_FORMAT must be json or pretty/);
  assert.throws(() => parseLogEnv({ LOG_LEVEL: "loud" }), /LOG_LEVEL must be debug, info/);
});
