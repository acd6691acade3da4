/**
 * The shared look of notebook outputs: one font stack and the CSS of metric cards and tables,
 * inlined in each output so it renders the same in JupyterLab, VS Code, nbconvert and GitHub.
 * @module
 */

/** Fonts that carry Hangul on each platform, then the generic fallback. */
export const FONT_STACK =
  "'Noto Sans KR','Apple SD Gothic Neo','Malgun Gothic',system-ui,-apple-system,sans-serif";

/** Inline style of an output's outer box. */
export const BOX_STYLE = `font-family:${FONT_STACK};font-size:13px;color:#222;`;

/** Inline style of a table cell holding a number. */
export const NUMBER_CELL_STYLE = "text-align:right;font-variant-numeric:tabular-nums;";

/** Inline style shared by header and body cells. */
export const CELL_STYLE = "padding:3px 10px;border-bottom:1px solid #e0e0e0;";
