/**
 * Acting on an in-process dashboard the way a browser does: the sign-in form, then the cookies it
 * set, sent back as one `Cookie` header with each page asked for and each form posted.
 * @module
 */
import assert from "node:assert/strict";

/** The first admin's password the in-process apps start with. */
export const TEST_ADMIN_PASSWORD = "web test admin passphrase";

/** Anything that answers a request like the app does. */
export interface Fetcher {
  fetch(req: Request): Promise<Response>;
}

/** The `name=value` pairs of a response's `Set-Cookie` headers, as a `Cookie` header. */
export function cookiesOf(response: Response): string {
  return response.headers.getSetCookie().map((line) => line.split(";")[0]).join("; ");
}

/** Posts the sign-in form and returns the answer (a 303 on success). */
export async function postLogin(
  app: Fetcher,
  fields: Record<string, string>,
  headers: HeadersInit = {},
): Promise<Response> {
  return await app.fetch(
    new Request("http://app/login", {
      method: "POST",
      headers: { origin: "http://app", ...headers },
      body: new URLSearchParams(fields),
    }),
  );
}

/** Signs in through the form and returns the session's `Cookie` header. */
export async function signIn(app: Fetcher, username: string, password: string): Promise<string> {
  const response = await postLogin(app, { username, password, next: "/" });
  await response.body?.cancel();
  assert.equal(response.status, 303, `sign-in as ${username}`);
  return cookiesOf(response);
}

/** The CSRF cookie's value inside a `Cookie` header. */
export function csrfOf(cookie: string): string {
  return /__Host-yeouido_csrf=([^;]*)/.exec(cookie)?.[1] ?? "";
}

/** Asks for the page at `path` with the `Cookie` header `cookie` (none by default). */
export async function getPage(app: Fetcher, path: string, cookie = ""): Promise<Response> {
  return await app.fetch(new Request(`http://app${path}`, { headers: { cookie } }));
}

/**
 * Posts a form to `path` from the dashboard's own pages: the session's `Cookie` header and, unless
 * `fields` names another, the CSRF token it carries.
 */
export async function postForm(
  app: Fetcher,
  path: string,
  cookie: string,
  fields: Record<string, string>,
): Promise<Response> {
  return await app.fetch(
    new Request(`http://app${path}`, {
      method: "POST",
      headers: { cookie, "sec-fetch-site": "same-origin" },
      body: new URLSearchParams({ csrf: csrfOf(cookie), ...fields }),
    }),
  );
}
