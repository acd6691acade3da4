import assert from "node:assert/strict";
import { posix } from "node:path";
import { createApiApp } from "@/core/api/app.ts";
import { DEMO_KV_PATH } from "@/core/runtime/env.ts";
import { DEFAULT_KV_PATH } from "@/core/store/mod.ts";
import { PROJECT_ROOT, serveArgs } from "../e2e/_app_server.ts";
import {
  assignments,
  execForm,
  healthcheckCommand,
  instructionsOf,
  parseDockerfile,
  type Stage,
} from "./_dockerfile.ts";
import { isIgnored, parseDockerignore } from "./_dockerignore.ts";
import { SECRET_NAME } from "./_secrets.ts";

const read = (path: string) => Deno.readTextFileSync(`${PROJECT_ROOT}/${path}`);
const dockerfile = parseDockerfile(read("Dockerfile"));
const runtime: Stage = dockerfile.stages.at(-1)!;

/** The value an instruction's last ENV gave `name` in `stage`. */
function envOf(stage: Stage, name: string): string | undefined {
  let value: string | undefined;
  for (const env of instructionsOf(stage, "ENV")) value = assignments(env.args)[name] ?? value;
  return value;
}

Deno.test("Dockerfile: Deno is pinned to the version the README and CI use", () => {
  const arg = dockerfile.globalArgs.map((i) => assignments(i.args)).find((a) => a.DENO_VERSION);
  const pinned = arg?.DENO_VERSION;
  assert.match(pinned ?? "", /^\d+\.\d+\.\d+$/, "DENO_VERSION is an exact version");
  assert.equal(/^DENO_VERSION=(\S+)$/m.exec(read(".ci/run"))?.[1], pinned);
  const readmePins = new Set(
    [...read("README.md").matchAll(/deno@(\d+\.\d+\.\d+)/g)].map((m) => m[1]),
  );
  assert.deepEqual([...readmePins], [pinned]);
  const installs = dockerfile.stages.flatMap((s) => instructionsOf(s, "RUN"))
    .filter((run) => run.args.includes("npm install -g"));
  assert.equal(installs.length, 1);
  assert.match(installs[0]!.args, /"deno@\$\{DENO_VERSION\}"/);
});

Deno.test("Dockerfile: the build happens in its own stage; the runtime only copies it", () => {
  assert.ok(dockerfile.stages.length >= 2, "multi-stage");
  const build = dockerfile.stages.find((s) => s.name === "build");
  assert.ok(build, "a stage named build");
  const buildRuns = instructionsOf(build, "RUN").map((r) => r.args).join("\n");
  assert.match(buildRuns, /deno install --frozen/);
  assert.match(buildRuns, /deno task build/);
  assert.match(buildRuns, /deno cache main\.ts/);
  const runtimeRuns = instructionsOf(runtime, "RUN").map((r) => r.args).join("\n");
  assert.doesNotMatch(runtimeRuns, /deno (install|task|cache)|npm /);
  const copiedFrom = instructionsOf(runtime, "COPY").map((c) => c.flags.from);
  assert.ok(copiedFrom.includes("build"), "the runtime copies the build stage's output");
  assert.ok(copiedFrom.every((from) => from !== undefined), "and nothing from the context");
});

Deno.test("Dockerfile: the runtime runs as a non-root user", () => {
  const user = instructionsOf(runtime, "USER").at(-1)?.args;
  assert.ok(user, "the final stage sets USER");
  assert.doesNotMatch(user, /^(root|0)(:|$)/);
  const created = instructionsOf(runtime, "RUN").some((r) =>
    new RegExp(`useradd\\b.*\\b${user}$`).test(r.args)
  );
  assert.ok(created, `the stage creates user ${user}`);
});

Deno.test("Dockerfile: the health check probes a route the API serves", async () => {
  const [check, ...more] = instructionsOf(runtime, "HEALTHCHECK");
  assert.ok(check);
  assert.equal(more.length, 0);
  const command = healthcheckCommand(check);
  assert.ok(Array.isArray(command), "exec form, so no shell is needed");
  const url = /http:\/\/127\.0\.0\.1:\$\{[^}]+\}(\/\S*?)`/.exec(command.join(" "));
  assert.ok(url, `a loopback URL in ${command.join(" ")}`);
  const path = url[1]!;
  assert.equal(path, "/api/v1/health/live");
  const res = await createApiApp({ env: () => ({}) }).request(path);
  assert.equal(res.status, 200);
  await res.body?.cancel();
});

Deno.test("Dockerfile: it listens on 8000 on every interface and exposes that port", () => {
  assert.deepEqual(instructionsOf(runtime, "EXPOSE").map((e) => e.args), ["8000"]);
  assert.equal(envOf(runtime, "PORT"), "8000");
  assert.equal(envOf(runtime, "HOST"), "0.0.0.0");
});

Deno.test("Dockerfile: no secret is baked into ENV or ARG", () => {
  const all = [dockerfile.globalArgs, ...dockerfile.stages.map((s) => s.instructions)].flat();
  const names = all.filter((i) => i.keyword === "ENV" || i.keyword === "ARG")
    .flatMap((i) => Object.keys(assignments(i.args)));
  assert.ok(names.length > 0);
  assert.deepEqual(names.filter((name) => SECRET_NAME.test(name)), []);
});

Deno.test("Dockerfile: the image starts main.ts as deno task start serves it, offline", async () => {
  const cmd = execForm(instructionsOf(runtime, "CMD").at(-1)?.args ?? "");
  assert.ok(cmd, "CMD in exec form, so deno is PID 1 and gets SIGTERM");
  assert.equal(instructionsOf(runtime, "ENTRYPOINT").length, 0);
  const serve = await serveArgs();
  assert.deepEqual(cmd, ["deno", ...serve.slice(0, -1), "--cached-only", serve.at(-1)]);
  assert.equal(envOf(runtime, "ROLE"), "all", "both roles unless ROLE says otherwise");
});

Deno.test("Dockerfile: both default stores lie in the volume the runtime may write", () => {
  const workdir = instructionsOf(runtime, "WORKDIR").at(-1)!.args;
  const [volume, ...more] = instructionsOf(runtime, "VOLUME").map((v) => v.args);
  assert.equal(volume, "/app/data");
  assert.equal(more.length, 0);
  for (const kvPath of [DEFAULT_KV_PATH, DEMO_KV_PATH]) {
    const absolute = posix.resolve(workdir, kvPath);
    assert.ok(absolute.startsWith(`${volume}/`), `${kvPath} resolves to ${absolute}`);
  }
  const owned = instructionsOf(runtime, "RUN").some((r) =>
    r.args.includes(`chown`) &&
    r.args.includes(volume!)
  );
  assert.ok(owned, "the runtime user owns the volume's folder");
});

Deno.test(".dockerignore: secrets and local state stay out; what the build needs goes in", () => {
  const rules = parseDockerignore(read(".dockerignore"));
  for (const path of [".env", ".env.prod", ".env.staging", ".env.dev", "data/yeouido.kv"]) {
    assert.equal(isIgnored(rules, path), true, `${path} is ignored`);
  }
  for (const path of ["node_modules/hono/package.json", ".git/HEAD", "_fresh/js/boot.js"]) {
    assert.equal(isIgnored(rules, path), true, `${path} is ignored`);
  }
  const needed = [
    "deno.json",
    "deno.lock",
    "bench/deno.json",
    "main.ts",
    "dev.ts",
    "fresh.config.ts",
    "fresh.gen.ts",
    "utils.ts",
    "core/version.ts",
    "cli/_args.ts",
    "routes/index.tsx",
    "islands",
    "static",
  ];
  for (const path of needed) assert.equal(isIgnored(rules, path), false, `${path} is sent`);
});
