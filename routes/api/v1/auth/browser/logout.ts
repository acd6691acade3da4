import { define } from "../../../../../utils.ts";
import { callApi } from "../../../../(_components)/api.ts";
import { formFields } from "../../../../(_components)/forms.ts";

/**
 * The header's sign-out form: ends the session through the API (which checks the form's CSRF
 * token against the cookie and clears the cookies), then shows the sign-in page. It lives under the
 * auth routes because the refresh cookie, whose session it ends, is sent only there.
 */
export const handler = define.handlers({
  POST: async (ctx) => {
    const fields = await formFields(ctx.req);
    const answer = await callApi(ctx, "/api/v1/auth/logout", {
      method: "POST",
      csrf: fields.csrf ?? "",
    });
    const headers = new Headers({ location: "/login" });
    for (const cookie of answer.headers.getSetCookie()) headers.append("set-cookie", cookie);
    return new Response(null, { status: 303, headers });
  },
});
