import { z } from "zod";
import { page } from "@/core/web/mod.ts";
import type { Messages } from "@/core/web/i18n/mod.ts";
import { define } from "../utils.ts";
import { callApi, problemOf } from "./(_components)/api.ts";
import { formFields, sameOrigin } from "./(_components)/forms.ts";
import { Notice } from "./(_components)/Notice.tsx";
import { localPath } from "./(_components)/session.ts";
import { textOf } from "./(_components)/text.ts";

/** What the form sends, as the API's login accepts it. */
const loginForm = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

/** Why the form is shown again. */
type LoginError =
  | { readonly kind: "missing" | "bad_credentials" | "foreign_origin" }
  | { readonly kind: "locked"; readonly seconds: number }
  | { readonly kind: "failed"; readonly message: string };

interface LoginData {
  readonly next: string;
  readonly username: string;
  readonly error: LoginError | null;
  /** The address is plain HTTP on another host, where browsers drop `Secure` cookies. */
  readonly insecure: boolean;
}

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Whether the browser reached us over plain HTTP on a host it does not treat as secure. */
function insecureOrigin(req: Request): boolean {
  const url = new URL(req.url);
  const forwarded = req.headers.get("x-forwarded-proto");
  return url.protocol === "http:" && forwarded !== "https" && !LOOPBACK.has(url.hostname);
}

function form(req: Request, next: string, username = "", error: LoginError | null = null) {
  return { next, username, error, insecure: insecureOrigin(req) } satisfies LoginData;
}

export const handler = define.handlers({
  GET: (ctx) => ({ data: form(ctx.req, localPath(ctx.url.searchParams.get("next"))) }),
  POST: async (ctx) => {
    const fields = await formFields(ctx.req);
    const next = localPath(fields.next);
    const username = (fields.username ?? "").slice(0, 64);
    if (!sameOrigin(ctx.req)) {
      return page(form(ctx.req, next, username, { kind: "foreign_origin" }), { status: 403 });
    }
    const parsed = loginForm.safeParse(fields);
    if (!parsed.success) {
      return page(form(ctx.req, next, username, { kind: "missing" }), { status: 400 });
    }
    const answer = await callApi(ctx, "/api/v1/auth/login", {
      method: "POST",
      body: parsed.data,
    });
    if (answer.status === 200) {
      const headers = new Headers({ location: next });
      for (const cookie of answer.headers.getSetCookie()) headers.append("set-cookie", cookie);
      return new Response(null, { status: 303, headers });
    }
    const problem = problemOf(answer);
    const error: LoginError = problem.status === 429
      ? { kind: "locked", seconds: problem.retryAfter ?? 1 }
      : problem.code === "invalid_credentials"
      ? { kind: "bad_credentials" }
      : { kind: "failed", message: problem.message };
    return page(form(ctx.req, next, username, error), { status: problem.status });
  },
});

function errorText(error: LoginError, t: Messages): string {
  switch (error.kind) {
    case "missing":
      return t.login.missing;
    case "bad_credentials":
      return t.login.badCredentials;
    case "foreign_origin":
      return t.login.foreignOrigin;
    case "locked":
      return t.login.locked(t.waitFor(error.seconds));
    case "failed":
      return t.login.failed(error.message);
  }
}

export default define.page<typeof handler>(function Login({ data, req }) {
  const { t } = textOf(req);
  const l = t.login;
  return (
    <section class="page login">
      <article class="card">
        <h1>{l.title}</h1>
        <p class="muted">{l.intro}</p>
        {data.insecure && <Notice kind="error">{l.insecure}</Notice>}
        {data.error && (
          <p class="form-error" role="alert" data-testid="login-error">
            {errorText(data.error, t)}
          </p>
        )}
        <form method="post" action="/login" class="form">
          <input type="hidden" name="next" value={data.next} />
          <label>
            {l.username}
            <input
              name="username"
              autocomplete="username"
              required
              maxLength={64}
              value={data.username}
              autofocus={data.username === ""}
            />
          </label>
          <label>
            {l.password}
            <input
              name="password"
              type="password"
              autocomplete="current-password"
              required
              maxLength={256}
              autofocus={data.username !== ""}
            />
          </label>
          <button type="submit" class="primary">{l.submit}</button>
        </form>
      </article>
    </section>
  );
});
