import assert from "node:assert/strict";
import { parse } from "yaml";
import { envVariables, parseAppEnv } from "@/core/config/env.ts";
import { PROJECT_ROOT } from "../e2e/_app_server.ts";
import { instructionsOf, parseDockerfile } from "./_dockerfile.ts";
import { SECRET_NAME } from "./_secrets.ts";

interface Service {
  readonly image?: string;
  readonly build?: unknown;
  readonly profiles?: string[];
  readonly environment?: Record<string, string>;
  readonly env_file?: { path: string; required: boolean }[];
  readonly volumes?: string[];
  readonly ports?: string[];
  readonly secrets?: string[];
  readonly command?: string[];
}

interface Compose {
  readonly services: Record<string, Service>;
  readonly volumes: Record<string, unknown>;
  readonly secrets: Record<string, { environment?: string; file?: string }>;
}

const read = (path: string) => Deno.readTextFileSync(`${PROJECT_ROOT}/${path}`);
const compose = parse(read("compose.yaml"), { merge: true }) as Compose;
const { services } = compose;
const APP_SERVICES = { app: "all", web: "web", worker: "worker" } as const;

/** `KEY=value` lines of an env file; comments and blank lines skipped. */
function envFile(text: string): Record<string, string> {
  return Object.fromEntries(
    text.split("\n").filter((line) => /^[A-Z][A-Z0-9_]*=/.test(line)).map((line) => {
      const at = line.indexOf("=");
      return [line.slice(0, at), line.slice(at + 1)];
    }),
  );
}

/** Every file under `dir` (relative to the project), recursively. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of Deno.readDirSync(`${PROJECT_ROOT}/${dir}`)) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) out.push(...filesUnder(path));
    else if (/\.tsx?$/.test(entry.name)) out.push(path);
  }
  return out;
}

Deno.test("compose: one app process by default, or web and one worker with the split profile", () => {
  assert.deepEqual(Object.keys(services).sort(), [
    "app",
    "grafana",
    "prometheus",
    "web",
    "worker",
  ]);
  assert.deepEqual(services.app!.profiles, ["single"]);
  assert.deepEqual(services.web!.profiles, ["split"]);
  assert.deepEqual(services.worker!.profiles, ["split"]);
  assert.equal(services.prometheus!.profiles, undefined, "monitoring runs in both");
  assert.equal(services.grafana!.profiles, undefined);
  const example = envFile(read(".env.example"));
  assert.ok(["single", "split"].includes(example.COMPOSE_PROFILES!));
});

Deno.test("compose: the app services run the repo's image with their role and share the store", () => {
  const expose = instructionsOf(parseDockerfile(read("Dockerfile")).stages.at(-1)!, "EXPOSE")[0]!;
  for (const [name, role] of Object.entries(APP_SERVICES)) {
    const service = services[name]!;
    assert.equal(service.build, ".", `${name} builds the Dockerfile`);
    assert.equal(service.environment?.ROLE, role);
    assert.deepEqual(service.volumes, ["kv-data:/app/data"], `${name} keeps KV in the volume`);
    assert.deepEqual(service.env_file, [{
      path: ".env.${APP_ENV:?set APP_ENV (dev, staging or prod) in the env file}",
      required: true,
    }]);
    for (const port of service.ports ?? []) assert.ok(port.endsWith(`:${expose.args}`));
  }
  assert.equal(services.worker!.ports, undefined, "the worker serves no public port");
});

Deno.test("compose: every named volume is declared, and the data lives in named volumes", () => {
  const named = Object.values(services).flatMap((s) => s.volumes ?? [])
    .map((v) => v.split(":")[0]!).filter((source) => !source.startsWith("."));
  assert.deepEqual([...new Set(named)].sort(), Object.keys(compose.volumes).sort());
  assert.deepEqual(Object.keys(compose.volumes).sort(), [
    "grafana-data",
    "kv-data",
    "prometheus-data",
  ]);
});

Deno.test("compose: no secret is written in the file; secrets come from the env file", () => {
  for (const [name, service] of Object.entries(services)) {
    for (const [key, value] of Object.entries(service.environment ?? {})) {
      if (!SECRET_NAME.test(key)) continue;
      assert.match(key, /__FILE$/, `${name}.${key} reads a file, not a value`);
      assert.match(value, /^\/run\/secrets\/\w+$/);
      const secret = value.split("/").at(-1)!;
      assert.ok(service.secrets?.includes(secret), `${name} is granted ${secret}`);
    }
  }
  for (const [name, secret] of Object.entries(compose.secrets)) {
    assert.deepEqual(Object.keys(secret), ["environment"], `${name} comes from the environment`);
    assert.ok(secret.environment! in envFile(read(".env.example")), `${name} is documented`);
  }
});

Deno.test("compose: every file it mounts exists in the repo, where its program looks", () => {
  const mounts = Object.values(services).flatMap((s) => s.volumes ?? [])
    .filter((v) => v.startsWith("./")).map((v) => v.split(":"));
  assert.ok(mounts.length >= 3);
  for (const [source] of mounts) Deno.statSync(`${PROJECT_ROOT}/${source}`);
  const target = (source: string) => mounts.find(([s]) => s === source)?.[1];

  const configFlag = services.prometheus!.command!.find((c) => c.startsWith("--config.file="));
  assert.equal(target("./deploy/prometheus/prometheus.yml"), configFlag!.split("=")[1]);
  const scrape = parse(read("deploy/prometheus/prometheus.yml")).scrape_configs[0];
  const tokenFile: string = scrape.authorization.credentials_file;
  assert.ok(services.prometheus!.secrets!.includes(tokenFile.replace("/run/secrets/", "")));
  assert.deepEqual(scrape.dns_sd_configs[0].names.sort(), Object.keys(APP_SERVICES).sort());

  assert.equal(target("./deploy/grafana/provisioning"), "/etc/grafana/provisioning");
  const provider = parse(read("deploy/grafana/provisioning/dashboards/yeouido.yml")).providers[0];
  assert.equal(target("./deploy/grafana/dashboards"), provider.options.path);
  const datasource = parse(read("deploy/grafana/provisioning/datasources/prometheus.yml"))
    .datasources[0];
  assert.equal(new URL(datasource.url).hostname, "prometheus");
});

/** Variables .env.example lists that compose, the notebooks or Deno itself read, not the app. */
const NOT_READ_BY_THE_APP = {
  COMPOSE_PROFILES: "compose's profile",
  APP_PORT: "compose's published port",
  YEOUIDO_IMAGE: "compose's image",
  GRAFANA_ADMIN_PASSWORD: "handed to Grafana by compose",
  YEOUIDO_BARS_CSV: "read by the notebooks",
  OTEL_DENO: "read by Deno's OpenTelemetry (main.ts checks the sampler beside it)",
  OTEL_TRACES_SAMPLER: "read by Deno's OpenTelemetry",
};

Deno.test(".env.example lists exactly the variables of the app's env schema, and starts the demo as it is", () => {
  const example = envFile(read(".env.example"));
  const schema = envVariables().map((variable) => variable.name);
  assert.ok(schema.includes("KIS_APP_KEY") && schema.includes("METRICS_TOKEN"));
  assert.deepEqual(
    schema.filter((name) => !(name in example)),
    [],
    "every variable the schema reads is documented",
  );
  assert.deepEqual(
    Object.keys(example).filter((name) => !schema.includes(name) && !(name in NOT_READ_BY_THE_APP)),
    [],
    "every documented variable is in the schema",
  );
  for (const name of Object.keys(NOT_READ_BY_THE_APP)) assert.ok(name in example, name);

  for (const [name, value] of Object.entries(example)) {
    if (SECRET_NAME.test(name)) assert.equal(value, "", `${name} has no example value`);
  }
  const config = parseAppEnv(example);
  assert.deepEqual(config.server, { port: 8000, hostname: "0.0.0.0" });
  assert.equal(config.runtime.mode, "demo");
  assert.deepEqual(config.notify.channels, []);
});

Deno.test("the app reads Deno.env only where it parses it with the schema", () => {
  const readers = ["main.ts", ...filesUnder("core"), ...filesUnder("routes")].filter((path) =>
    /Deno\.env\.(toObject|get)\(/.test(
      read(path).split("\n").filter((line) => !/^\s*(\*|\/\/)/.test(line)).join("\n"),
    )
  );
  assert.deepEqual(readers.sort(), [
    "core/api/routes/health.ts", // readiness validates the environment as it is now
    "core/runtime/current.ts", // the dev server's settings, parsed once
    "main.ts", // the start-up's one read
  ]);
});

Deno.test("git keeps every env file but the example out of the repository", async () => {
  const check = await new Deno.Command("git", {
    args: ["check-ignore", "--no-index", ".env", ".env.dev", ".env.staging", ".env.prod"],
    cwd: PROJECT_ROOT,
    stdout: "piped",
  }).output();
  assert.deepEqual(new TextDecoder().decode(check.stdout).trim().split("\n"), [
    ".env",
    ".env.dev",
    ".env.staging",
    ".env.prod",
  ]);
  const example = await new Deno.Command("git", {
    args: ["check-ignore", "--no-index", ".env.example"],
    cwd: PROJECT_ROOT,
  }).output();
  assert.equal(example.code, 1, ".env.example is not ignored");
});
