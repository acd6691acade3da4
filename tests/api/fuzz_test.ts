import assert from "node:assert/strict";
import fc from "fast-check";
import { OPENAPI_PATH } from "@/core/api/app.ts";
import { addUser, authApp, bearer } from "../auth/_auth.ts";

/** A JSON Schema node as the OpenAPI document writes it. */
interface Schema {
  readonly $ref?: string;
  readonly properties?: Record<string, Schema>;
}

/** The parts of an OpenAPI operation the fuzzer reads. */
interface OperationObject {
  readonly parameters?: readonly { in: string; name: string }[];
  readonly requestBody?: { content: Record<string, { schema?: Schema }> };
}

interface Operation {
  readonly method: string;
  readonly path: string;
  readonly pathParams: readonly string[];
  readonly queryParams: readonly string[];
  /** The properties of the JSON body object, when the operation takes one. */
  readonly bodyFields: readonly string[] | null;
}

/** The request count; the whole run stays well under a minute on two cores. */
const RUNS = 10_000;

// Values that are wrong for most fields, or far too large for any.
const weird = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(
    null,
    -1,
    1e308,
    -1e308,
    2 ** 53 + 1,
    "",
    "x".repeat(100_000),
    [],
    {},
    { nested: { deeper: [1, 2, 3] } },
    "' OR 1=1 --",
    "\u0000",
    "../../etc/passwd",
    "<script>alert(1)</script>",
  ),
);

const notJson = fc.oneof(
  fc.constantFrom("{", "{'a': 1}", "[1,", '{"a":}', "nul", "{}}", '{"a":1,}', "\u0000"),
  fc.string().filter((text) => {
    try {
      JSON.parse(text);
      return false;
    } catch {
      return true;
    }
  }),
);

const pathValue = fc.oneof(
  fc.string().map(encodeURIComponent),
  fc.constantFrom("%zz", "%E0%A4%A", "%", "..", "%2F", "a".repeat(5_000), "0".repeat(26)),
);

/** A body that no strict request schema accepts: not JSON, not an object, or an unknown field. */
function badBody(fields: readonly string[]): fc.Arbitrary<string> {
  const known = fields.length === 0
    ? fc.constant({})
    : fc.dictionary(fc.constantFrom(...fields), weird, { maxKeys: fields.length });
  const extra = fc.string({ minLength: 1, maxLength: 20 }).filter((k) =>
    !fields.includes(k) && k !== "__proto__"
  );
  return fc.oneof(
    notJson,
    fc.oneof(fc.jsonValue(), weird).filter((v) =>
      v === null || typeof v !== "object" || Array.isArray(v)
    )
      .map((v) => JSON.stringify(v) ?? "null"),
    fc.tuple(known, extra, weird).map(([object, key, value]) =>
      JSON.stringify({ ...object, [key]: value })
    ),
  );
}

Deno.test(`${RUNS} bad requests across every operation: no 500, one error shape, no change to KV`, async () => {
  using fixture = await authApp({ budget: { limit: 1_000_000, windowMs: 60_000 } });
  const { app, auth, store } = fixture;
  const admin = await addUser(auth, "fuzz-admin", "admin");
  const viewer = await addUser(auth, "fuzz-viewer", "viewer");
  const tokenOf = (user: typeof admin) =>
    auth.tokens.sign({
      userId: user.id,
      username: user.username,
      role: user.role,
      tokenVersion: 0,
    });
  const credentials: Record<string, HeadersInit> = {
    none: {},
    admin: bearer(await tokenOf(admin)),
    viewer: bearer(await tokenOf(viewer)),
    bad: bearer("a.b.c"),
  };

  const document = await (await app.request(OPENAPI_PATH)).json();
  const schemas = document.components.schemas as Record<string, Schema>;
  const resolve = (schema: Schema | undefined): Schema | undefined =>
    schema?.$ref === undefined ? schema : schemas[schema.$ref.replace("#/components/schemas/", "")];
  const operations: Operation[] = Object.entries(document.paths as Record<string, object>)
    .flatMap(([path, item]) =>
      Object.entries(item as Record<string, OperationObject>).map(([method, op]) => {
        const params = op.parameters ?? [];
        const body = resolve(op.requestBody?.content["application/json"]?.schema);
        return {
          method: method.toUpperCase(),
          path,
          pathParams: params.filter((p) => p.in === "path").map((p) => p.name),
          queryParams: params.filter((p) => p.in === "query").map((p) => p.name),
          bodyFields: body === undefined ? null : Object.keys(body.properties ?? {}),
        };
      })
    );

  const request = fc.constantFrom(...operations).chain((op) =>
    fc.record({
      op: fc.constant(op),
      params: fc.tuple(...op.pathParams.map(() => pathValue)),
      query: fc.dictionary(
        fc.oneof(
          fc.constantFrom(...op.queryParams, "cursor", "limit"),
          fc.string({ maxLength: 8 }),
        ),
        fc.oneof(fc.string(), weird.map((v) => JSON.stringify(v) ?? "")),
        { maxKeys: 3 },
      ),
      body: badBody(op.bodyFields ?? []),
      contentType: fc.constantFrom("application/json", "application/json", "text/plain", null),
      who: fc.constantFrom(...Object.keys(credentials)),
    })
  );

  const snapshot = async () => {
    const entries: string[] = [];
    for await (const entry of store.kv.list({ prefix: [] })) {
      // Request budgets count every authenticated request, bad or not; that is their job.
      if (entry.key[0] === "auth" && entry.key[1] === "rate") continue;
      entries.push(`${JSON.stringify(entry.key)}@${entry.versionstamp}`);
    }
    return entries;
  };
  const before = await snapshot();
  // Operations that refused the input itself (400, or 404 for an unknown id): past the auth check.
  const refusedInput = new Set<string>();

  await fc.assert(
    fc.asyncProperty(request, async ({ op, params, query, body, contentType, who }) => {
      let i = 0;
      const path = op.path.replace(/\{\w+\}/g, () => params[i++] ?? "x");
      const search = new URLSearchParams(query).toString();
      const headers = new Headers(credentials[who]);
      if (contentType !== null) headers.set("content-type", contentType);
      const withBody = op.method !== "GET";
      const res = await app.request(`${path}${search ? `?${search}` : ""}`, {
        method: op.method,
        headers,
        body: withBody ? body : undefined,
      });
      if (res.status === 200 && res.headers.get("content-type")?.startsWith("text/event-stream")) {
        // A stream that was let through (the events route with good credentials) never ends.
        await res.body?.cancel();
        return;
      }
      const text = await res.text();
      const label = `${op.method} ${path} as ${who}: ${res.status} ${text.slice(0, 300)}`;
      assert.ok(res.status < 500 || res.status === 503, label);
      if (res.status >= 400) {
        assert.match(res.headers.get("content-type") ?? "", /^application\/json/, label);
        const parsed = JSON.parse(text);
        assert.deepEqual(Object.keys(parsed), ["error"], label);
        assert.equal(typeof parsed.error.code, "string", label);
        assert.equal(typeof parsed.error.message, "string", label);
        if (res.status === 400 || res.status === 404) refusedInput.add(`${op.method} ${op.path}`);
        if (res.status === 503) assert.match(parsed.error.code, /unavailable/, label);
      }
    }),
    { numRuns: RUNS },
  );

  assert.deepEqual(await snapshot(), before, "bad requests changed nothing in the store");
  for (const op of operations.filter((o) => o.bodyFields !== null || o.pathParams.length > 0)) {
    assert.ok(
      refusedInput.has(`${op.method} ${op.path}`),
      `${op.method} ${op.path} refused its input`,
    );
  }
});
