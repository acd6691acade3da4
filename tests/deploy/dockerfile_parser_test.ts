import assert from "node:assert/strict";
import {
  assignments,
  execForm,
  healthcheckCommand,
  instructionsOf,
  parseDockerfile,
} from "./_dockerfile.ts";
import { isIgnored, parseDockerignore } from "./_dockerignore.ts";

Deno.test("the Dockerfile reader", async (t) => {
  await t.step("splits stages at FROM, keeps names and global ARGs", () => {
    const file = parseDockerfile(
      "# syntax=docker/dockerfile:1\nARG V=1\n\nFROM a:1 AS one\nRUN x\nFROM b\nUSER 10001\n",
    );
    assert.deepEqual(file.globalArgs.map((i) => i.args), ["V=1"]);
    assert.deepEqual(file.stages.map((s) => [s.image, s.name]), [["a:1", "one"], ["b", undefined]]);
    assert.equal(instructionsOf(file.stages[1]!, "USER")[0]!.args, "10001");
  });

  await t.step("joins continuation lines and skips comment lines inside them", () => {
    const [stage] = parseDockerfile("FROM a\nRUN one \\\n  # a note\n  && two \\\n  && three\n")
      .stages;
    const [run] = stage!.instructions;
    assert.equal(run!.args, "one && two && three");
    assert.equal(run!.line, 2);
  });

  await t.step("splits off leading flags", () => {
    const [stage] = parseDockerfile("FROM a\nCOPY --from=build --chown=1:1 /app /app\n").stages;
    const [copy] = stage!.instructions;
    assert.deepEqual(copy!.flags, { from: "build", chown: "1:1" });
    assert.equal(copy!.args, "/app /app");
  });

  await t.step("tells exec form from shell form", () => {
    assert.deepEqual(execForm('["deno", "run", "main.ts"]'), ["deno", "run", "main.ts"]);
    assert.equal(execForm("deno run main.ts"), null);
    assert.equal(execForm("[not json"), null);
  });

  await t.step("reads ENV in both forms, with quotes", () => {
    assert.deepEqual(assignments("A=1 B=\"two words\" C='x y'"), {
      A: "1",
      B: "two words",
      C: "x y",
    });
    assert.deepEqual(assignments("NAME some value"), { NAME: "some value" });
    assert.deepEqual(assignments("ONLY"), { ONLY: undefined });
  });

  await t.step("reads a HEALTHCHECK's command after its flags", () => {
    const [stage] = parseDockerfile(
      'FROM a\nHEALTHCHECK --interval=5s \\\n  CMD ["curl", "-f", "http://x/"]\n',
    ).stages;
    const [check] = stage!.instructions;
    assert.deepEqual(check!.flags, { interval: "5s" });
    assert.deepEqual(healthcheckCommand(check!), ["curl", "-f", "http://x/"]);
  });

  await t.step("refuses an instruction before the first FROM other than ARG", () => {
    assert.throws(() => parseDockerfile("RUN x\nFROM a\n"), /line 1: RUN before the first FROM/);
  });
});

Deno.test(".dockerignore rules: globs, folders, negation, last match wins", () => {
  const rules = parseDockerignore("# c\n.env*\n!.env.example\ndata\nbench/*\n!bench/deno.json\n");
  assert.equal(isIgnored(rules, ".env"), true);
  assert.equal(isIgnored(rules, ".env.prod"), true);
  assert.equal(isIgnored(rules, ".env.example"), false);
  assert.equal(isIgnored(rules, "data/yeouido.kv"), true, "a folder rule covers its files");
  assert.equal(isIgnored(rules, "core/data/csv.ts"), false, "a bare name anchors at the root");
  assert.equal(isIgnored(rules, "bench/deno.json"), false);
  assert.equal(isIgnored(rules, "bench/sma_bench.ts"), true);
  assert.equal(isIgnored(parseDockerignore("**/*.log"), "a/b/c.log"), true);
});
