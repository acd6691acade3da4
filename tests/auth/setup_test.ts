import assert from "node:assert/strict";
import { createApiApp } from "@/core/api/app.ts";
import { startAuth } from "@/core/auth/mod.ts";
import { parseAuthEnv } from "@/core/config/auth.ts";
import { configureLog, consoleWriter } from "@/core/obs/log.ts";
import { openStore } from "@/core/store/mod.ts";
import { postJson } from "../api/_api.ts";

/** The log lines `fn` writes, parsed. */
async function logged(fn: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
  const lines: string[] = [];
  configureLog({ write: (line) => lines.push(line) });
  try {
    await fn();
  } finally {
    configureLog({ format: "json", level: "debug", write: consoleWriter });
  }
  return lines.map((line) => JSON.parse(line));
}

Deno.test("the first start creates admin with a one-time password printed once, never again", async () => {
  using store = await openStore({ path: ":memory:" });
  const printed: string[] = [];
  const settings = parseAuthEnv({});
  let auth!: Awaited<ReturnType<typeof startAuth>>;
  const lines = await logged(async () => {
    auth = await startAuth(store, settings, { print: (line) => printed.push(line) });
    await startAuth(store, settings, { print: (line) => printed.push(line) });
  });
  assert.equal(printed.length, 1);
  const password = /one-time password (\S+)/.exec(printed[0]!)?.[1];
  assert.ok(password && password.length >= 20);
  const created = lines.filter((line) => line.msg === "first admin created");
  assert.equal(created.length, 1, "logged once, by the start that created the user");
  assert.equal(created[0]!.adminLoginFrom, "a one-time password, printed once");
  assert.ok(!JSON.stringify(lines).includes(password), "the password is not in the log");
  const app = createApiApp({ auth });
  const res = await postJson(app, "/api/v1/auth/login", { username: "admin", password });
  assert.equal(res.status, 200);
  const audit = JSON.stringify((await store.audit.list()).items);
  assert.ok(!audit.includes(password), "the password is not in the audit log");
});

Deno.test("ADMIN_PASSWORD sets the first admin's password and prints nothing", async () => {
  using store = await openStore({ path: ":memory:" });
  const printed: string[] = [];
  const settings = parseAuthEnv({ ADMIN_PASSWORD: "a long admin passphrase" });
  let auth!: Awaited<ReturnType<typeof startAuth>>;
  const lines = await logged(async () => {
    auth = await startAuth(store, settings, { print: (line) => printed.push(line) });
  });
  assert.deepEqual(printed, []);
  const created = lines.find((line) => line.msg === "first admin created");
  assert.equal(created?.adminLoginFrom, "ADMIN_PASSWORD");
  assert.ok(!JSON.stringify(lines).includes("a long admin passphrase"));
  const app = createApiApp({ auth });
  const res = await postJson(app, "/api/v1/auth/login", {
    username: "admin",
    password: "a long admin passphrase",
  });
  assert.equal(res.status, 200);
});

Deno.test("in dev without JWT_SECRET one secret is generated and kept, so tokens survive a restart", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/auth.kv`;
  const settings = parseAuthEnv({ ADMIN_PASSWORD: "a long admin passphrase" });
  let token: string;
  {
    using store = await openStore({ path });
    const auth = await startAuth(store, settings);
    const user = (await auth.users.byName("admin"))!;
    token = await auth.tokens.sign({
      userId: user.id,
      username: "admin",
      role: "admin",
      tokenVersion: 0,
    });
    const kept = await store.kv.get<string>(["auth", "jwt_secret"]);
    assert.equal(typeof kept.value, "string");
    assert.ok(kept.value!.length >= 43);
  }
  {
    using store = await openStore({ path });
    const auth = await startAuth(store, settings);
    assert.equal((await auth.tokens.verify(token)).name, "admin");
  }
  await Deno.remove(dir, { recursive: true });
});

Deno.test("outside dev a missing secret refuses to start", async () => {
  using store = await openStore({ path: ":memory:" });
  await assert.rejects(
    () => startAuth(store, { appEnv: "prod", corsOrigins: [] }),
    /JWT_SECRET must be set when APP_ENV=prod/,
  );
});
