import { type Role, ROLES } from "@/core/api/access.ts";
import { formatKst } from "@/core/web/format.ts";
import { type Context, page } from "@/core/web/mod.ts";
import type { Messages } from "@/core/web/i18n/mod.ts";
import { define } from "../../utils.ts";
import { callApi, problemOf } from "../(_components)/api.ts";
import {
  doneRedirect,
  type FormError,
  formError,
  formFields,
  pageError,
  sameOrigin,
} from "../(_components)/forms.ts";
import { CsrfField, FieldError, FormMessage } from "../(_components)/FormParts.tsx";
import { NoServicesPage, Notice } from "../(_components)/Notice.tsx";
import { oneTimePassword } from "../(_components)/one_time_password.ts";
import { can, type Session, sessionOf } from "../(_components)/session.ts";
import { textOf } from "../(_components)/text.ts";

/** One user as the list shows it. */
interface UserRow {
  readonly id: string;
  readonly username: string;
  readonly role: Role;
  readonly disabled: boolean;
  readonly createdAt: number;
  readonly lastLoginAt: number | null;
}

interface UsersData {
  /** The signed-in user is not an admin: the page says so (403) and lists nobody. */
  readonly forbidden: boolean;
  readonly users: readonly UserRow[];
  readonly done: string | null;
  readonly error: FormError | null;
  /** What the refused form held, to fill it again (never a password). */
  readonly values: Readonly<Record<string, string>>;
  /** A password the page made: the only time it is shown. */
  readonly generated: { readonly username: string; readonly password: string } | null;
}

const FORMS = ["create_user", "change_role", "set_disabled", "reset_password"] as const;

const PATH = "/settings/users";

async function load(ctx: Context, extra: Partial<UsersData> = {}): Promise<UsersData> {
  const answer = await callApi(ctx, "/api/v1/users");
  const done = ctx.url.searchParams.get("done");
  return {
    forbidden: false,
    users: answer.status === 200 ? (answer.body as { items: UserRow[] }).items : [],
    done: FORMS.find((form) => form === done) ?? null,
    error: null,
    values: {},
    generated: null,
    ...extra,
  };
}

const FORBIDDEN: UsersData = {
  forbidden: true,
  users: [],
  done: null,
  error: null,
  values: {},
  generated: null,
};

/** The typed password, or a new one-time password when the field was left empty. */
function passwordOf(typed: string | undefined): { password: string; generated: boolean } {
  return typed ? { password: typed, generated: false } : {
    password: oneTimePassword(),
    generated: true,
  };
}

async function submit(ctx: Context, t: Messages): Promise<Response | UsersData> {
  const fields = await formFields(ctx.req);
  const form = FORMS.find((name) => name === fields.form) ?? "create_user";
  const { password: _password, ...kept } = fields;
  const refuse = (error: FormError) => load(ctx, { error, values: kept });
  if (!sameOrigin(ctx.req)) return refuse(pageError(form, t.session.csrfFailed));
  const csrf = fields.csrf ?? "";
  const id = encodeURIComponent(fields.id ?? "");
  switch (form) {
    case "create_user": {
      const username = (fields.username ?? "").trim();
      const { password, generated } = passwordOf(fields.password);
      const answer = await callApi(ctx, "/api/v1/users", {
        method: "POST",
        csrf,
        body: { username, role: fields.role ?? "", password },
      });
      if (answer.status !== 201) return refuse(formError(form, problemOf(answer), t));
      if (generated) return load(ctx, { done: form, generated: { username, password } });
      break;
    }
    case "change_role": {
      const answer = await callApi(ctx, `/api/v1/users/${id}`, {
        method: "PATCH",
        csrf,
        body: { role: fields.role ?? "" },
      });
      if (answer.status !== 200) return refuse(formError(form, problemOf(answer), t));
      break;
    }
    case "set_disabled": {
      const answer = await callApi(ctx, `/api/v1/users/${id}`, {
        method: "PATCH",
        csrf,
        body: { disabled: fields.disabled === "true" },
      });
      if (answer.status !== 200) return refuse(formError(form, problemOf(answer), t));
      break;
    }
    case "reset_password": {
      const { password, generated } = passwordOf(fields.password);
      const answer = await callApi(ctx, `/api/v1/users/${id}/password`, {
        method: "PUT",
        csrf,
        body: { password },
      });
      if (answer.status !== 200) return refuse(formError(form, problemOf(answer), t));
      if (generated) {
        const username = (answer.body as { username: string }).username;
        return load(ctx, { done: form, generated: { username, password } });
      }
      break;
    }
  }
  return doneRedirect(PATH, form);
}

export const handler = define.handlers<UsersData | null>({
  GET: async (ctx) => {
    const session = sessionOf(ctx.state);
    if (session === null) return page(null);
    if (!can(session, "admin")) return page(FORBIDDEN, { status: 403 });
    return page(await load(ctx));
  },
  POST: async (ctx) => {
    const session = sessionOf(ctx.state);
    if (session === null) return ctx.redirect("/login", 303);
    if (!can(session, "admin")) return page(FORBIDDEN, { status: 403 });
    const result = await submit(ctx, textOf(ctx.req).t);
    if (result instanceof Response) return result;
    const status = result.error ? 422 : result.generated ? 201 : 200;
    return page(result, { status });
  },
});

function RoleSelect(
  { t, selected, label }: {
    readonly t: Messages;
    readonly selected: Role;
    readonly label?: string;
  },
) {
  return (
    <select name="role" aria-label={label}>
      {ROLES.map((role) => (
        <option value={role} selected={role === selected}>{t.session.role[role]}</option>
      ))}
    </select>
  );
}

function UserActions(
  { user, session, t }: { readonly user: UserRow; readonly session: Session; readonly t: Messages },
) {
  const u = t.users;
  const hidden = (form: string) => (
    <>
      <CsrfField csrf={session.csrf} />
      <input type="hidden" name="form" value={form} />
      <input type="hidden" name="id" value={user.id} />
    </>
  );
  return (
    <div class="user-actions">
      <form method="post" class="inline-form" data-testid="role-form">
        {hidden("change_role")}
        <RoleSelect t={t} selected={user.role} label={`${user.username} ${u.role}`} />
        <button type="submit">{u.changeRole}</button>
      </form>
      <form method="post" class="inline-form">
        {hidden("set_disabled")}
        <input type="hidden" name="disabled" value={user.disabled ? "false" : "true"} />
        <button type="submit" class={user.disabled ? undefined : "danger"}>
          {user.disabled ? u.enable : u.disable}
        </button>
      </form>
      <details>
        <summary>{u.resetPassword}</summary>
        <form method="post" class="inline-form" data-testid="reset-form">
          {hidden("reset_password")}
          <input
            type="password"
            name="password"
            autoComplete="new-password"
            aria-label={`${user.username} ${u.newPassword}`}
            placeholder={u.newPassword}
          />
          <button type="submit">{u.set}</button>
        </form>
      </details>
    </div>
  );
}

function UsersTable(
  { data, session, t }: {
    readonly data: UsersData;
    readonly session: Session;
    readonly t: Messages;
  },
) {
  const u = t.users;
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-label={u.list}>
      <table class="data stacked" data-testid="users-table">
        <thead>
          <tr>
            <th scope="col">{u.username}</th>
            <th scope="col">{u.role}</th>
            <th scope="col">{u.state}</th>
            <th scope="col">{u.lastLogin}</th>
            <th scope="col">{u.created}</th>
            <th scope="col">{u.manage}</th>
          </tr>
        </thead>
        <tbody>
          {data.users.map((user) => (
            <tr data-username={user.username}>
              <td data-label={u.username}>
                <span>
                  <strong>{user.username}</strong>
                  {user.username === session.username && <span class="muted">{` (${u.you})`}</span>}
                </span>
              </td>
              <td data-label={u.role}>{t.session.role[user.role]}</td>
              <td data-label={u.state}>
                <span class={`status ${user.disabled ? "user-disabled" : "user-active"}`}>
                  {user.disabled ? u.disabled : u.active}
                </span>
              </td>
              <td class="nowrap" data-label={u.lastLogin}>
                {user.lastLoginAt === null ? u.never : formatKst(user.lastLoginAt)}
              </td>
              <td class="nowrap" data-label={u.created}>{formatKst(user.createdAt)}</td>
              <td data-label={u.manage}>
                {user.username === session.username
                  ? <span class="muted">–</span>
                  : <UserActions user={user} session={session} t={t} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function NewUserCard(
  { data, session, t }: {
    readonly data: UsersData;
    readonly session: Session;
    readonly t: Messages;
  },
) {
  const u = t.users;
  const refused = data.error?.form === "create_user";
  return (
    <article class="card" id="new-user">
      <h2>{u.newUser}</h2>
      <FormMessage form="create_user" error={data.error} done={null} doneText="" />
      <form method="post" class="form" data-testid="user-form">
        <CsrfField csrf={session.csrf} />
        <input type="hidden" name="form" value="create_user" />
        <div class="form-row">
          <label>
            {u.username}
            <input
              name="username"
              required
              maxLength={32}
              autoComplete="off"
              value={refused ? data.values.username : ""}
            />
            <FieldError error={data.error} form="create_user" name="username" />
          </label>
          <label>
            {u.role}
            <RoleSelect t={t} selected={(refused ? data.values.role : "viewer") as Role} />
          </label>
          <label>
            {u.newPassword}
            <input type="password" name="password" autoComplete="new-password" />
            <FieldError error={data.error} form="create_user" name="password" />
          </label>
        </div>
        <p class="muted small">{u.passwordHint}</p>
        <div>
          <button type="submit" class="primary">{u.create}</button>
        </div>
      </form>
    </article>
  );
}

export default define.page<typeof handler>(function Users({ data, req, state }) {
  const { t } = textOf(req);
  const u = t.users;
  const session = sessionOf(state);
  if (data === null || session === null) {
    return <NoServicesPage title={u.title} message={t.common.noServices} />;
  }
  if (data.forbidden) {
    return (
      <section class="page">
        <h1>{u.title}</h1>
        <Notice kind="error">
          <span data-testid="users-forbidden">{u.forbidden}</span>
        </Notice>
      </section>
    );
  }
  return (
    <section class="page">
      <div class="page-head">
        <h1>{u.title}</h1>
      </div>
      <article class="card" id="users">
        <h2>{u.list}</h2>
        <p class="muted">{u.intro}</p>
        {data.generated && (
          <div class="form-ok" role="status" data-testid="user-password">
            <p>{u.passwordOnce(data.generated.username)}</p>
            <code class="secret">{data.generated.password}</code>
          </div>
        )}
        {FORMS.filter((form) => !(data.generated && data.done === form)).map((form) => (
          form === "create_user" && data.error?.form === form ? null : (
            <FormMessage
              form={form}
              error={data.error}
              done={data.done}
              doneText={u.done[form]}
            />
          )
        ))}
        <UsersTable data={data} session={session} t={t} />
      </article>
      <NewUserCard data={data} session={session} t={t} />
    </section>
  );
});
