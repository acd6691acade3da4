import type { ComponentChildren } from "preact";

/** A message in place of content: `empty` for no data, `error` for a source that failed. */
export function Notice(
  { kind, children }: { readonly kind: "empty" | "error"; readonly children: ComponentChildren },
) {
  return (
    <p class={`notice notice-${kind}`} role={kind === "error" ? "alert" : undefined}>
      {children}
    </p>
  );
}

/** A page's whole body when the app runs no services (the dev server): its title and why. */
export function NoServicesPage(
  { title, message }: { readonly title: string; readonly message: string },
) {
  return (
    <section class="page">
      <h1>{title}</h1>
      <Notice kind="error">{message}</Notice>
    </section>
  );
}
