import { define } from "../../../../../utils.ts";
import { callApi, csrfCookie } from "../../../../(_components)/api.ts";
import { localPath, loginUrl } from "../../../../(_components)/session.ts";

/**
 * Renews a browser session whose access cookie ran out, then goes back to `next`. It lives under
 * the auth routes because the refresh cookie is sent only there. A GET may spend the refresh token
 * because the cookie is `SameSite=Strict`: another site's link arrives without it and only leads
 * to the sign-in page.
 */
export const handler = define.handlers({
  GET: async (ctx) => {
    const next = localPath(ctx.url.searchParams.get("next"));
    const answer = await callApi(ctx, "/api/v1/auth/refresh", {
      method: "POST",
      csrf: csrfCookie(ctx.req) ?? "",
    });
    const headers = new Headers({ location: answer.status === 200 ? next : loginUrl(next) });
    for (const cookie of answer.headers.getSetCookie()) headers.append("set-cookie", cookie);
    return new Response(null, { status: 303, headers });
  },
});
