import assert from "node:assert/strict";
import { posix } from "node:path";
import { DEMO_KV_PATH } from "@/core/runtime/env.ts";
import { DEFAULT_KV_PATH } from "@/core/store/mod.ts";
import { PROJECT_ROOT, serveArgs } from "../e2e/_app_server.ts";

const UNIT_PATH = `${PROJECT_ROOT}/deploy/systemd/yeouido.service`;
const unitText = Deno.readTextFileSync(UNIT_PATH);

/** `Key=value` settings by key (a key may repeat); comments and section headers skipped. */
function settings(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of text.split("\n")) {
    const match = /^([A-Za-z]+)=(.*)$/.exec(line.trim());
    if (match) out.set(match[1]!, [...(out.get(match[1]!) ?? []), match[2]!]);
  }
  return out;
}

const unit = settings(unitText);
const one = (key: string) => {
  const values = unit.get(key) ?? [];
  assert.equal(values.length, 1, `${key} is set once`);
  return values[0]!;
};
const execStart = one("ExecStart").split(/\s+/);
const flag = (name: string) => execStart.find((a) => a.startsWith(`${name}=`))?.split("=")[1];

Deno.test("systemd unit: hardened, unprivileged, restarted on failure", () => {
  const expected: Record<string, string> = {
    NoNewPrivileges: "yes",
    ProtectSystem: "strict",
    ProtectHome: "yes",
    PrivateTmp: "yes",
    PrivateDevices: "yes",
    RestrictSUIDSGID: "yes",
    CapabilityBoundingSet: "",
    AmbientCapabilities: "",
    Restart: "on-failure",
    KillSignal: "SIGTERM",
  };
  for (const [key, value] of Object.entries(expected)) assert.equal(one(key), value, key);
  assert.notEqual(one("User"), "root");
  assert.match(one("RestrictAddressFamilies"), /^AF_INET AF_INET6 AF_UNIX$/);
});

Deno.test("systemd unit: the store's folder is the one path it may write", () => {
  const state = `/var/lib/${one("StateDirectory")}`;
  assert.equal(one("ReadWritePaths"), state);
  assert.equal(one("WorkingDirectory"), state);
  assert.equal(flag("--allow-write"), state);
  for (const kvPath of [DEFAULT_KV_PATH, DEMO_KV_PATH]) {
    assert.ok(posix.resolve(state, kvPath).startsWith(`${state}/`), `${kvPath} lands in ${state}`);
  }
  const code = posix.dirname(flag("--config")!);
  assert.deepEqual(flag("--allow-read")!.split(","), [code, state]);
  assert.equal(execStart.at(-1), `${code}/main.ts`);
});

Deno.test("systemd unit: deno runs with the start task's permissions, from its cache", async () => {
  const serve = await serveArgs();
  const names = (args: string[]) =>
    args.filter((a) => a.startsWith("--allow-")).map((a) => a.split("=")[0]);
  assert.deepEqual(names(execStart), names(serve));
  for (const exact of ["--allow-net", "--allow-env"]) {
    assert.equal(execStart.includes(exact), serve.includes(exact), exact);
  }
  assert.ok(execStart.includes("--cached-only"));
});

const analyze = "/usr/bin/systemd-analyze";
const haveAnalyze = (() => {
  try {
    return Deno.statSync(analyze).isFile;
  } catch {
    // deno-lint-ignore no-console -- a skipped test must say why where the person running it looks
    console.error(`systemd unit verify skipped: no ${analyze} (apt-get install systemd)`);
    return false;
  }
})();

Deno.test({
  name: "systemd-analyze verify accepts the unit and knows every key",
  ignore: !haveAnalyze,
  fn: async () => {
    const dir = await Deno.makeTempDir({ prefix: "yeouido-unit-" });
    try {
      // verify checks that ExecStart's program exists; the deno running this test stands in.
      const unitFile = `${dir}/yeouido.service`;
      await Deno.writeTextFile(
        unitFile,
        unitText.replace(/^ExecStart=\S+/m, `ExecStart=${Deno.execPath()}`),
      );
      const result = await new Deno.Command(analyze, {
        args: ["verify", unitFile],
        stdout: "piped",
        stderr: "piped",
      }).output();
      const output = new TextDecoder().decode(result.stdout) +
        new TextDecoder().decode(result.stderr);
      assert.equal(result.code, 0, output);
      assert.doesNotMatch(output, /Unknown|ignoring|not executable/, output);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
