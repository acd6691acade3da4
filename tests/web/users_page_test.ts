import assert from "node:assert/strict";
import { openDemoDashboard } from "./_dashboard.ts";
import { getPage, postForm, postLogin, signIn, TEST_ADMIN_PASSWORD } from "./_session.ts";

interface Listed {
  readonly id: string;
  readonly username: string;
  readonly role: string;
  readonly disabled: boolean;
  readonly lastLoginAt: number | null;
}

Deno.test("the users page: an admin creates, changes, disables and resets users through the API; others get a 403", async (t) => {
  await using dashboard = await openDemoDashboard();
  const { app, services } = dashboard;
  const admin = await signIn(app, "admin", TEST_ADMIN_PASSWORD);
  const get = async (path: string, cookie: string) => {
    const response = await getPage(app, path, cookie);
    return { status: response.status, html: await response.text() };
  };
  const post = async (cookie: string, fields: Record<string, string>) => {
    const response = await postForm(app, "/settings/users", cookie, fields);
    return {
      status: response.status,
      location: response.headers.get("location"),
      html: await response.text(),
    };
  };
  const users = async (): Promise<Listed[]> => {
    const response = await app.fetch(
      new Request("http://app/api/v1/users", { headers: { cookie: admin } }),
    );
    return (await response.json()).items;
  };
  const user = async (name: string) => (await users()).find((u) => u.username === name);
  const auditActions = async () =>
    (await services.store.audit.list({ reverse: true, limit: 50 })).items.map((e) => e.action);

  await t.step("a bad user name is named next to its field, and no user is made", async () => {
    const before = await users();
    const refused = await post(admin, {
      form: "create_user",
      username: "No Spaces!",
      role: "viewer",
      password: "a long enough password",
    });
    assert.equal(refused.status, 422);
    assert.match(refused.html, /data-testid="create_user-error"/);
    assert.match(refused.html, /class="field-error"/);
    assert.match(refused.html, /name="username"[^>]*value="No Spaces!"/, "what was typed stays");
    assert.doesNotMatch(refused.html, /a long enough password/, "a password is never echoed");
    assert.deepEqual(await users(), before);
  });

  let password = "";
  await t.step(
    "a user made without a password gets a one-time password, shown once",
    async () => {
      const created = await post(admin, {
        form: "create_user",
        username: "watcher",
        role: "viewer",
        password: "",
      });
      assert.equal(created.status, 201);
      password = /<code class="secret">([^<]+)<\/code>/.exec(created.html)?.[1] ?? "";
      assert.match(password, /^[\w-]{24}$/);
      assert.equal((await user("watcher"))?.lastLoginAt, null);
      await signIn(app, "watcher", password);
      assert.equal(
        typeof (await user("watcher"))?.lastLoginAt,
        "number",
        "the sign-in is listed",
      );
      const again = await get("/settings/users", admin);
      assert.equal(again.status, 200);
      assert.doesNotMatch(again.html, new RegExp(password), "shown only once");
      assert.match(again.html, /data-username="watcher"/);
    },
  );

  await t.step("a viewer gets a 403 page, and their forged form changes nothing", async () => {
    const viewer = await signIn(app, "watcher", password);
    const page = await get("/settings/users", viewer);
    assert.equal(page.status, 403);
    assert.match(page.html, /data-testid="users-forbidden"/);
    assert.doesNotMatch(page.html, /data-testid="users-table"/);
    assert.doesNotMatch((await get("/settings", viewer)).html, /data-testid="users-link"/);
    assert.match((await get("/settings", admin)).html, /data-testid="users-link"/);
    const before = await users();
    const forged = await post(viewer, { form: "create_user", username: "sneaky", role: "admin" });
    assert.equal(forged.status, 403);
    assert.deepEqual(await users(), before);
  });

  await t.step("change the role, disable and enable, reset the password", async () => {
    const id = (await user("watcher"))!.id;
    const promoted = await post(admin, { form: "change_role", id, role: "trader" });
    assert.deepEqual([promoted.status, promoted.location], [
      303,
      "/settings/users?done=change_role",
    ]);
    assert.equal((await user("watcher"))?.role, "trader");

    const session = await signIn(app, "watcher", password);
    assert.equal((await post(admin, { form: "set_disabled", id, disabled: "true" })).status, 303);
    assert.equal((await user("watcher"))?.disabled, true);
    assert.equal((await get("/", session)).status, 303, "a disabled user's session ends");
    const refusedLogin = await postLogin(app, { username: "watcher", password, next: "/" });
    await refusedLogin.body?.cancel();
    assert.notEqual(refusedLogin.status, 303);
    assert.equal(
      (await post(admin, { form: "set_disabled", id, disabled: "false" })).status,
      303,
    );

    const short = await post(admin, { form: "reset_password", id, password: "short" });
    assert.equal(short.status, 422);
    assert.match(short.html, /data-testid="reset_password-error"/);
    const reset = await post(admin, {
      form: "reset_password",
      id,
      password: "a brand new passphrase",
    });
    assert.equal(reset.status, 303);
    await signIn(app, "watcher", "a brand new passphrase");
    const actions = await auditActions();
    for (const action of ["user_created", "user_changed", "password_changed"]) {
      assert.ok(actions.includes(action), `${action} is audited`);
    }
  });

  await t.step("an admin cannot disable themself from the page", async () => {
    const id = (await user("admin"))!.id;
    const self = await post(admin, { form: "set_disabled", id, disabled: "true" });
    assert.equal(self.status, 422);
    assert.equal((await user("admin"))?.disabled, false);
  });
});
