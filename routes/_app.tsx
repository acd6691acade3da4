import { colorsOf } from "@/core/web/colors.ts";
import { define } from "../utils.ts";
import { textOf } from "./(_components)/text.ts";

export default define.page(function App({ Component, req }) {
  const { lang, t } = textOf(req);
  return (
    <html lang={lang} class={`colors-${colorsOf(req)}`}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>{t.appTitle}</title>
        <link rel="stylesheet" href="/styles.css" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
      </head>
      <body>
        <Component />
      </body>
    </html>
  );
});
