import assert from "node:assert/strict";
import { openDemoDashboard } from "./_dashboard.ts";
import { cookiesOf, csrfOf, getPage, postLogin, signIn, TEST_ADMIN_PASSWORD } from "./_session.ts";

Deno.test("sign-in: the form, its refusals, the gate and where it sends the browser", async (t) => {
  await using dashboard = await openDemoDashboard();
  const { app } = dashboard;

  await t.step("a page without a session sends the browser to sign in, and back", async () => {
    const response = await getPage(app, "/orders?status=filled");
    assert.equal(response.status, 303);
    assert.equal(
      response.headers.get("location"),
      `/login?${new URLSearchParams({ next: "/orders?status=filled" })}`,
    );
    const login = await getPage(app, response.headers.get("location")!);
    const html = await login.text();
    assert.equal(login.status, 200);
    assert.match(html, /<input type="hidden" name="next" value="\/orders\?status=filled"\/>/);
    assert.doesNotMatch(html, /aria-label="주요 메뉴"/, "no menu before signing in");
  });

  await t.step(
    "an expired access cookie with a session's CSRF cookie goes to renew",
    async () => {
      const response = await getPage(app, "/alerts", "__Host-yeouido_csrf=abc");
      assert.equal(response.status, 303);
      assert.equal(
        response.headers.get("location"),
        "/api/v1/auth/browser/resume?next=%2Falerts",
      );
    },
  );

  await t.step(
    "a wrong password shows the message, keeps the name and sets no cookie",
    async () => {
      const response = await postLogin(app, {
        username: "admin",
        password: "not the password",
        next: "/orders",
      });
      const html = await response.text();
      assert.equal(response.status, 401);
      assert.match(html, /data-testid="login-error">사용자 이름 또는 비밀번호가 틀렸습니다/);
      assert.match(html, /name="username"[^>]*value="admin"/);
      assert.deepEqual(response.headers.getSetCookie(), []);
    },
  );

  await t.step("an empty field is named before the API is asked", async () => {
    const response = await postLogin(app, { username: "admin", password: "" });
    assert.equal(response.status, 400);
    assert.match(await response.text(), /사용자 이름과 비밀번호를 모두 입력하세요/);
  });

  await t.step("a form posted from another site is refused", async () => {
    for (
      const headers of [
        { origin: "https://evil.example" } as Record<string, string>,
        { origin: "null", "sec-fetch-site": "cross-site" },
      ]
    ) {
      const response = await postLogin(
        app,
        { username: "admin", password: TEST_ADMIN_PASSWORD },
        headers,
      );
      assert.equal(response.status, 403);
      assert.match(await response.text(), /다른 사이트에서 보낸 로그인 요청은 받지 않습니다/);
      assert.deepEqual(response.headers.getSetCookie(), []);
    }
  });

  await t.step("the right password sets the session cookies and goes to next", async () => {
    const response = await postLogin(app, {
      username: "admin",
      password: TEST_ADMIN_PASSWORD,
      next: "/orders?status=filled",
    });
    assert.equal(response.status, 303);
    assert.equal(response.headers.get("location"), "/orders?status=filled");
    const cookies = response.headers.getSetCookie();
    assert.ok(cookies.some((c) => c.startsWith("__Host-yeouido_access=")), cookies.join("\n"));
    const page = await getPage(app, "/orders", cookiesOf(response));
    const html = await page.text();
    assert.equal(page.status, 200);
    assert.match(html, /data-testid="user-box"/);
    assert.match(html, /admin \(관리자\)/);
  });

  await t.step("next never leaves the site", async () => {
    for (
      const next of [
        "https://evil.example/",
        "//evil.example/x",
        "/\\evil.example",
        "javascript:alert(1)",
        "/%0d%0aSet-Cookie:x",
        "",
        "/login?next=/login",
      ]
    ) {
      const response = await postLogin(app, {
        username: "admin",
        password: TEST_ADMIN_PASSWORD,
        next,
      });
      await response.body?.cancel();
      const location = response.headers.get("location") ?? "";
      assert.ok(location === "/" || location === "/%0d%0aSet-Cookie:x", `${next} → ${location}`);
      assert.ok(location.startsWith("/") && !location.startsWith("//"), location);
    }
  });

  await t.step("sign-out revokes the session and clears its cookies", async () => {
    const cookie = await signIn(app, "admin", TEST_ADMIN_PASSWORD);
    const response = await app.fetch(
      new Request("http://app/api/v1/auth/browser/logout", {
        method: "POST",
        headers: { cookie, origin: "http://app" },
        body: new URLSearchParams({ csrf: csrfOf(cookie) }),
      }),
    );
    assert.equal(response.status, 303);
    assert.equal(response.headers.get("location"), "/login");
    assert.ok(response.headers.getSetCookie().some((c) => /yeouido_access=;/.test(c)));
    const refresh = await app.fetch(
      new Request("http://app/api/v1/auth/refresh", {
        method: "POST",
        headers: { cookie, "x-csrf-token": csrfOf(cookie) },
      }),
    );
    assert.equal(refresh.status, 401, "the refresh token was revoked");
  });

  await t.step("a renewal spends the refresh cookie for new ones and goes back", async () => {
    const cookie = await signIn(app, "admin", TEST_ADMIN_PASSWORD);
    const withoutAccess = cookie.split("; ").filter((c) => !c.startsWith("__Host-yeouido_access"))
      .join("; ");
    const response = await getPage(app, "/api/v1/auth/browser/resume?next=/alerts", withoutAccess);
    assert.equal(response.status, 303);
    assert.equal(response.headers.get("location"), "/alerts");
    const page = await getPage(app, "/alerts", cookiesOf(response));
    assert.equal(page.status, 200);
    await page.body?.cancel();
    const spent = await getPage(app, "/api/v1/auth/browser/resume?next=/alerts", withoutAccess);
    assert.equal(spent.headers.get("location"), "/login?next=%2Falerts");
  });

  await t.step("after five wrong passwords the lockout says how long to wait", async () => {
    for (let i = 0; i < 5; i++) {
      const response = await postLogin(app, { username: "locked", password: "wrong" });
      assert.equal(response.status, 401);
      await response.body?.cancel();
    }
    const locked = await postLogin(app, { username: "locked", password: "wrong" });
    assert.equal(locked.status, 401, "the sixth failure starts the lock");
    await locked.body?.cancel();
    const refused = await postLogin(app, { username: "locked", password: "wrong" });
    const html = await refused.text();
    assert.equal(refused.status, 429);
    assert.match(html, /여러 번 틀려 잠겼습니다\. (30|29|2\d)초 뒤에 다시 시도하세요/);
  });
});
