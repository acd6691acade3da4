import assert from "node:assert/strict";
import { readRiskLimits } from "@/core/trading/mod.ts";
import { openDemoDashboard } from "./_dashboard.ts";
import { csrfOf, getPage, postForm, signIn, TEST_ADMIN_PASSWORD } from "./_session.ts";

Deno.test("the settings and alert forms act through the API, and a refusal changes nothing", async (t) => {
  await using dashboard = await openDemoDashboard();
  const { app, services } = dashboard;
  const admin = await signIn(app, "admin", TEST_ADMIN_PASSWORD);
  const limits = {
    form: "risk_limits",
    maxOrderKrw: "1,000,000",
    maxDailyKrw: "5,000,000",
    maxPositionWeightPercent: "25.5",
    maxOpenOrders: "10",
  };

  await t.step(
    "risk limits: a bad value is named next to its field and nothing is saved",
    async () => {
      const before = await readRiskLimits(services.store.kv);
      const response = await postForm(app, "/settings", admin, {
        ...limits,
        maxOpenOrders: "many",
      });
      const html = await response.text();
      assert.equal(response.status, 422);
      assert.match(html, /data-testid="risk_limits-error"/);
      assert.match(html, /name="maxOpenOrders"[^>]*value="many"/, "what was typed stays");
      assert.match(html, /class="field-error"/);
      assert.deepEqual(await readRiskLimits(services.store.kv), before);
    },
  );

  await t.step(
    "risk limits: won with commas and a weight in % are saved in the API's units",
    async () => {
      const response = await postForm(app, "/settings", admin, limits);
      assert.equal(response.status, 303);
      assert.equal(response.headers.get("location"), "/settings?done=risk_limits");
      assert.deepEqual(await readRiskLimits(services.store.kv), {
        maxOrderKrw: 1_000_000,
        maxDailyKrw: 5_000_000,
        maxPositionWeightBps: 2_550,
        maxOpenOrders: 10,
      });
    },
  );

  await t.step(
    "a forged form without the CSRF token is refused and changes nothing",
    async () => {
      const response = await postForm(app, "/settings", admin, {
        ...limits,
        maxOpenOrders: "11",
        csrf: "forged",
      });
      assert.equal(response.status, 422);
      assert.match(await response.text(), /보안 토큰이 맞지 않습니다/);
      assert.equal((await readRiskLimits(services.store.kv)).maxOpenOrders, 10);
    },
  );

  await t.step("an API key's secret is shown once, then only its name", async () => {
    const created = await postForm(app, "/settings", admin, {
      form: "create_key",
      name: "nightly",
    });
    const html = await created.text();
    assert.equal(created.status, 201);
    const secret = /<code class="secret">(yk_[^<]+)<\/code>/.exec(html)?.[1];
    assert.ok(secret, "the secret is on the page");
    const me = await app.fetch(
      new Request("http://app/api/v1/auth/me", { headers: { "x-api-key": secret } }),
    );
    assert.equal(me.status, 200, "the key works");
    const later = await getPage(app, "/settings", admin);
    const listed = await later.text();
    assert.match(listed, /<td>nightly<\/td>/);
    assert.ok(!listed.includes(secret), "never shown again");
  });

  await t.step(
    "an alert form: a percentage on a price alert is refused before the API",
    async () => {
      const response = await postForm(app, "/alerts", admin, {
        form: "create",
        symbol: "005930",
        kind: "price_above",
        value: "5",
        unit: "percent",
        action: "notify",
      });
      assert.equal(response.status, 422);
      assert.match(await response.text(), /원 단위 가격만 받습니다/);
    },
  );

  await t.step("a viewer's forged kill-switch form is refused by the API", async () => {
    const created = await app.fetch(
      new Request("http://app/api/v1/users", {
        method: "POST",
        headers: {
          cookie: admin,
          "x-csrf-token": csrfOf(admin),
          "content-type": "application/json",
        },
        body: JSON.stringify({
          username: "looker",
          role: "viewer",
          password: "viewer passphrase 99",
        }),
      }),
    );
    assert.equal(created.status, 201);
    const viewer = await signIn(app, "looker", "viewer passphrase 99");
    const page = await getPage(app, "/settings", viewer);
    assert.doesNotMatch(await page.text(), /data-testid="kill-form"/);
    const response = await postForm(app, "/settings", viewer, {
      form: "kill_switch",
      on: "true",
      reason: "viewer",
      confirm: "yes",
    });
    assert.equal(response.status, 422);
    assert.match(await response.text(), /이 작업을 할 권한이 없습니다/);
    const state = await app.fetch(
      new Request("http://app/api/v1/kill-switch", { headers: { cookie: admin } }),
    );
    assert.equal((await state.json()).on, false);
  });
});
