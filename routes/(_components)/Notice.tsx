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
