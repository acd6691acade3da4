import assert from "node:assert/strict";
import {
  closingLine,
  defineCommand,
  listenFailure,
  parseCommand,
  prepareCommand,
  resolveUserPath,
  UsageError,
} from "@/cli/_args.ts";

Deno.test("parseCommand() turns parseArgs' errors into short human messages", () => {
  const options = { csv: { type: "string" }, json: { type: "boolean" } } as const;
  const message = (argv: string[], positionals = {}) => {
    try {
      parseCommand(argv, options, positionals);
    } catch (error) {
      assert.ok(error instanceof UsageError);
      return error.message;
    }
    return "accepted";
  };
  assert.equal(message(["--speed", "3"]), "unknown option --speed");
  assert.equal(message(["--csv"]), "--csv needs a value");
  assert.equal(message(["--csv", "--json"]), "--csv needs a value");
  assert.equal(message(["--json=yes"]), "--json takes no value");
  assert.equal(message(["extra"]), 'unexpected argument "extra"');
  assert.equal(message([], { required: ["<code>"] }), "missing <code>");
  assert.equal(message(["a", "b"], { required: ["<code>"], rest: true }), "accepted");
  assert.deepEqual({ ...parseCommand(["--csv", "x.csv", "--json"], options).values }, {
    csv: "x.csv",
    json: true,
  });
});

Deno.test("prepareCommand() finds the command by name and parses the rest for it", async () => {
  const seen: string[] = [];
  const commands = {
    echo: defineCommand({
      synopsis: "echo <word>",
      summary: "says it",
      options: {},
      positionals: { required: ["<word>"] },
      prepare: ({ positionals }) => (context: string[]) => {
        context.push(positionals[0]!);
        return Promise.resolve();
      },
    }),
  };
  await prepareCommand(commands, ["echo", "hi"])(seen);
  assert.deepEqual(seen, ["hi"]);
  assert.throws(() => prepareCommand(commands, []), { message: "missing command" });
  assert.throws(() => prepareCommand(commands, ["toString"]), {
    message: 'unknown command "toString"',
  });
  assert.throws(() => prepareCommand(commands, ["echo"]), { message: "missing <word>" });
});

Deno.test("closingLine() gives usage errors exit code 2 and everything else 1", () => {
  const spec = {
    name: "kis",
    usage: "",
    describeError: (e: unknown) => e === "known" ? "nice" : undefined,
  };
  assert.deepEqual(closingLine(spec, new UsageError("missing <code>")), {
    line: "kis: missing <code> (deno task kis --help shows the usage)",
    code: 2,
  });
  assert.deepEqual(closingLine(spec, new UsageError("bad.csv line 2: …", { helpHint: false })), {
    line: "kis: bad.csv line 2: …",
    code: 2,
  });
  assert.deepEqual(closingLine(spec, "known"), { line: "kis: nice", code: 1 });
  assert.deepEqual(closingLine(spec, new Error("boom")), { line: "kis: boom", code: 1 });
});

Deno.test("resolveUserPath() reads relative paths from the caller's folder", () => {
  assert.equal(resolveUserPath("bars.csv", "/home/me/data"), "/home/me/data/bars.csv");
  assert.equal(resolveUserPath("../bars.csv", "/home/me/data"), "/home/me/bars.csv");
  assert.equal(resolveUserPath("/srv/bars.csv", "/home/me"), "/srv/bars.csv");
});

Deno.test("listenFailure() names the address and the reason", () => {
  assert.equal(
    listenFailure(
      new Deno.errors.AddrInUse("Address already in use (os error 98)"),
      "0.0.0.0:8000",
    ),
    "cannot listen on 0.0.0.0:8000: the port is already in use by another process",
  );
  assert.equal(listenFailure(new Error("something else"), "x"), undefined);
});
