import assert from "node:assert/strict";
import { dirname } from "node:path";
import { PROJECT_ROOT } from "../e2e/_app_server.ts";
import {
  assignments,
  execForm,
  healthcheckCommand,
  instructionsOf,
  parseDockerfile,
  type Stage,
} from "./_dockerfile.ts";
import { isIgnored, parseDockerignore } from "./_dockerignore.ts";

// The project's machines have no Docker engine, so this replays the Dockerfile's build and runtime
// stages on the host: the build context as .dockerignore leaves it, the build stage's RUN lines, a
// runtime tree holding what the runtime stage copies, and its CMD and HEALTHCHECK.

const dockerfile = parseDockerfile(Deno.readTextFileSync(`${PROJECT_ROOT}/Dockerfile`));
const build = dockerfile.stages.find((s) => s.name === "build")!;
const runtime = dockerfile.stages.at(-1)!;
const NOBODY = 65534;
const SETPRIV = "/usr/bin/setpriv";

function stageEnv(stage: Stage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const i of instructionsOf(stage, "ENV")) Object.assign(env, assignments(i.args));
  return env;
}

/** The files `docker build .` sends: tracked and untracked ones git does not ignore, less .dockerignore's. */
async function buildContext(): Promise<string[]> {
  const listed = await new Deno.Command("git", {
    args: ["ls-files", "-z", "--cached", "--others", "--exclude-standard"],
    cwd: PROJECT_ROOT,
    stdout: "piped",
  }).output();
  const rules = parseDockerignore(await Deno.readTextFile(`${PROJECT_ROOT}/.dockerignore`));
  return new TextDecoder().decode(listed.stdout).split("\0")
    .filter((path) => path !== "" && !isIgnored(rules, path))
    .filter((path) => Deno.statSync(`${PROJECT_ROOT}/${path}`).isFile);
}

async function copyTree(from: string, to: string): Promise<void> {
  await new Deno.Command("cp", { args: ["-a", from, to] }).output();
}

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

/** Runs `args` as the unprivileged user when the test runs as root (as CI does), else as is. */
function asUnprivileged(args: string[]): string[] {
  const dropped = Deno.uid() === 0 && (() => {
    try {
      return Deno.statSync(SETPRIV).isFile;
    } catch {
      return false;
    }
  })();
  return dropped
    ? [SETPRIV, `--reuid=${NOBODY}`, `--regid=${NOBODY}`, "--clear-groups", ...args]
    : args;
}

Deno.test("the image's build steps and its CMD, replayed without Docker, serve the health check", async (t) => {
  const dir = await Deno.makeTempDir({ prefix: "yeouido-image-" });
  await Deno.chmod(dir, 0o755);
  const app = `${dir}/build/app`;
  const denoDir = `${dir}/build/deno-dir`;
  const denoBin = dirname(Deno.execPath());
  try {
    await t.step("the build stage's RUN lines succeed on the build context", async () => {
      for (const path of await buildContext()) {
        await Deno.mkdir(dirname(`${app}/${path}`), { recursive: true });
        await Deno.copyFile(`${PROJECT_ROOT}/${path}`, `${app}/${path}`);
      }
      for (const run of instructionsOf(build, "RUN")) {
        const result = await new Deno.Command("sh", {
          args: ["-c", run.args],
          cwd: app,
          env: {
            ...stageEnv(build),
            DENO_DIR: denoDir,
            PATH: `${denoBin}:${Deno.env.get("PATH")}`,
          },
          stdout: "piped",
          stderr: "piped",
        }).output();
        const output = new TextDecoder().decode(result.stderr);
        assert.equal(result.code, 0, `RUN ${run.args}\n${output}`);
      }
    });

    const root = `${dir}/runtime`;
    await t.step("the runtime tree: code owned by root, data/ by the app's user", async () => {
      await Deno.mkdir(`${root}/deno-dir`, { recursive: true });
      await copyTree(app, `${root}/app`);
      await copyTree(`${denoDir}/gen`, `${root}/deno-dir/gen`);
      await new Deno.Command("chmod", { args: ["-R", "go-w,a+rX", root] }).output();
      if (Deno.uid() === 0) await Deno.chown(`${root}/app/data`, NOBODY, NOBODY);
      assert.ok((await Deno.stat(`${root}/app/_fresh/js`)).isDirectory, "islands prebuilt");
    });

    await t.step("CMD serves; HEALTHCHECK passes; SIGTERM ends it with 0", async () => {
      const cmd = execForm(instructionsOf(runtime, "CMD").at(-1)!.args)!;
      const port = String(freePort());
      const env = {
        ...stageEnv(runtime),
        DENO_DIR: `${root}/deno-dir`,
        HOST: "127.0.0.1",
        PORT: port,
        PATH: `${denoBin}:/usr/bin:/bin`,
        HOME: "/nonexistent",
      };
      const [program, ...args] = asUnprivileged([Deno.execPath(), ...cmd.slice(1)]);
      const child = new Deno.Command(program!, {
        args,
        cwd: `${root}/app`,
        clearEnv: true,
        env,
        stdout: "piped",
        stderr: "piped",
      }).spawn();
      const output = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
      let logged = "";
      while (!logged.includes('"msg":"listening"')) {
        const { value, done } = await output.read();
        if (done) break;
        logged += value;
      }
      const errors = new Response(child.stderr).text();
      try {
        assert.match(logged, /"msg":"listening"/, `the server started:\n${logged}`);
        const live = await fetch(`http://127.0.0.1:${port}/api/v1/health/live`);
        assert.equal(live.status, 200);
        await live.body?.cancel();

        const probe = healthcheckCommand(instructionsOf(runtime, "HEALTHCHECK")[0]!) as string[];
        const check = await new Deno.Command(Deno.execPath(), {
          args: probe.slice(1),
          cwd: `${root}/app`,
          clearEnv: true,
          env,
        }).output();
        assert.equal(check.code, 0, "the HEALTHCHECK command exits 0");
      } finally {
        child.kill("SIGTERM");
        output.releaseLock();
        await child.stdout.cancel().catch(() => {});
      }
      const status = await child.status;
      assert.equal(status.code, 0, await errors);
      const stores = [...Deno.readDirSync(`${root}/app/data`)].map((e) => e.name);
      assert.ok(stores.includes("demo.kv"), `the demo store is in data/: ${stores}`);
      if (Deno.uid() === 0) {
        const owner = (await Deno.stat(`${root}/app/data/demo.kv`)).uid;
        assert.equal(owner, NOBODY, "the server ran as the unprivileged user");
      }
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
