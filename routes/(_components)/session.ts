/**
 * Who is signed in to the dashboard: the gate every page passes (`loadSession`), what a page may
 * show for the user's role (`can`), and where a sign-in may send the browser back to (`localPath`).
 * @module
 */
import { type Role, roleAllows } from "@/core/api/access.ts";
import { type KillSwitch, readKillSwitch } from "@/core/trading/kill_switch.ts";
import type { Store } from "@/core/store/mod.ts";
import { callApi, type Caller, csrfCookie } from "./api.ts";

/** The signed-in user as a page sees them. */
export interface Session {
  readonly username: string;
  readonly role: Role;
  /** The CSRF cookie's value, which every form repeats in a hidden field. */
  readonly csrf: string;
  /** The kill switch, shown in the header on every page while it is on. */
  readonly killSwitch: KillSwitch;
}

/** The user behind the browser's cookies, or null when it holds no valid session. */
export async function loadSession(caller: Caller, store: Store): Promise<Session | null> {
  const me = await callApi(caller, "/api/v1/auth/me");
  if (me.status !== 200) return null;
  const { username, role } = me.body as { username: string; role: Role };
  const { state } = await readKillSwitch(store.kv);
  return { username, role, csrf: csrfCookie(caller.req) ?? "", killSwitch: state };
}

/** The session a middleware put in the request's state, if any. */
export function sessionOf(state: Record<string, unknown>): Session | null {
  return (state.session as Session | undefined) ?? null;
}

/** Whether the signed-in user may use a control that needs `role` (false when signed out). */
export function can(session: Session | null, role: Role): boolean {
  return session !== null && roleAllows(session.role, role);
}

/** Whether `text` holds a control character (a header-splitting trick). */
function hasControl(text: string): boolean {
  return [...text].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f);
}

/**
 * `value` when it is a path on this site (a sign-in's `next`), else `/`: another host, a
 * protocol-relative `//host`, a backslash trick or a control character never leaves the site.
 * @example localPath("https://evil.example/") // "/"
 */
export function localPath(value: string | null | undefined): string {
  if (!value || !value.startsWith("/") || value.includes("\\") || hasControl(value)) return "/";
  const base = "http://local.invalid";
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return "/";
  }
  if (url.origin !== base || url.pathname.startsWith("//")) return "/";
  if (url.pathname === "/login") return "/";
  return `${url.pathname}${url.search}`;
}

/** The sign-in page's URL that comes back to `path` afterwards. */
export function loginUrl(path: string): string {
  const next = localPath(path);
  return next === "/" ? "/login" : `/login?${new URLSearchParams({ next })}`;
}
