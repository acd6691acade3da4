/**
 * A page's language and words, from its request.
 * @module
 */
import { type Lang, langOf, type Messages, messages } from "@/core/web/i18n/mod.ts";

/** The language of `req` and its message table. */
export function textOf(req: Request): { readonly lang: Lang; readonly t: Messages } {
  const lang = langOf(req);
  return { lang, t: messages(lang) };
}
