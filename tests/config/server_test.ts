import assert from "node:assert/strict";
import { parseServerEnv } from "@/core/config/server.ts";

Deno.test("parseServerEnv() defaults to 0.0.0.0:8000", () => {
  assert.deepEqual(parseServerEnv({}), { port: 8000, hostname: "0.0.0.0" });
  assert.deepEqual(parseServerEnv({ PORT: "", HOST: "" }), { port: 8000, hostname: "0.0.0.0" });
});

Deno.test("parseServerEnv() reads PORT and HOST", () => {
  assert.deepEqual(parseServerEnv({ PORT: "8080", HOST: "127.0.0.1" }), {
    port: 8080,
    hostname: "127.0.0.1",
  });
  assert.equal(parseServerEnv({ PORT: "0" }).port, 0);
});

Deno.test("parseServerEnv() names the bad variable", () => {
  assert.throws(() => parseServerEnv({ PORT: "http" }), /PORT must be a number/);
  assert.throws(() => parseServerEnv({ PORT: "80.5" }), /PORT must be a whole number/);
  assert.throws(() => parseServerEnv({ PORT: "70000" }), /PORT must be between 0 and 65535/);
  assert.throws(() => parseServerEnv({ PORT: "-1" }), /PORT must be between 0 and 65535/);
});

Deno.test("parseServerEnv() refuses a HOST with a scheme or a port", () => {
  const message = /HOST must be a host name or IP address such as 127\.0\.0\.1/;
  assert.throws(() => parseServerEnv({ HOST: "http://localhost" }), message);
  assert.throws(() => parseServerEnv({ HOST: "localhost:8000" }), message);
  assert.throws(() => parseServerEnv({ HOST: "my host" }), message);
  assert.equal(parseServerEnv({ HOST: "::1" }).hostname, "::1");
  assert.equal(parseServerEnv({ HOST: "localhost" }).hostname, "localhost");
});
