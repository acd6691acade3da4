import assert from "node:assert/strict";
import { en } from "@/core/web/i18n/en.ts";
import { ko } from "@/core/web/i18n/ko.ts";
import { langCookie, langOf, withLang } from "@/core/web/i18n/mod.ts";

/** Every leaf path of a message table, with `fn` for functions. */
function leaves(table: object, prefix = ""): string[] {
  return Object.entries(table).flatMap(([key, value]) =>
    typeof value === "object" && value !== null
      ? leaves(value, `${prefix}${key}.`)
      : [`${prefix}${key}:${typeof value}`]
  );
}

Deno.test("the dashboard's language: ?lang=, then the cookie, then Korean", async (t) => {
  const request = (url: string, cookie?: string) =>
    new Request(url, { headers: cookie ? { cookie } : {} });

  await t.step("Korean when nothing says otherwise", () => {
    assert.equal(langOf(request("http://app/")), "ko");
    assert.equal(langOf(request("http://app/?lang=fr", "lang=de")), "ko");
  });

  await t.step("the cookie chooses, and ?lang= overrides it", () => {
    assert.equal(langOf(request("http://app/", "theme=dark; lang=en")), "en");
    assert.equal(langOf(request("http://app/?lang=ko", "lang=en")), "ko");
    assert.equal(langOf(request("http://app/?lang=en")), "en");
  });

  await t.step("the toggle keeps the rest of the query, the cookie every path", () => {
    assert.equal(
      withLang(new URL("http://app/orders?status=filled&lang=ko"), "en"),
      "/orders?status=filled&lang=en",
    );
    assert.match(langCookie("en"), /^lang=en; Path=\/; Max-Age=\d+; SameSite=Lax$/);
  });
});

Deno.test("English has every message Korean has, of the same kind", () => {
  assert.deepEqual(leaves(en), leaves(ko));
  assert.notDeepEqual(JSON.stringify(en), JSON.stringify(ko));
});
