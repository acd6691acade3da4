/**
 * The series names a PromQL expression reads, found by a small scanner rather than a full parser:
 * strings, label matchers, range and subquery brackets, Grafana variables and grouping clauses
 * (`by (...)`, `on (...)` ...) are removed, then every remaining name is a function (followed by
 * `(`), a keyword, or a series name. An unknown function is an error, so a typo cannot pass for
 * a series.
 * @module
 */

/** PromQL's functions and aggregation operators that the dashboards may call. */
const FUNCTIONS = new Set([
  "abs",
  "avg",
  "avg_over_time",
  "bottomk",
  "ceil",
  "changes",
  "clamp_min",
  "count",
  "delta",
  "deriv",
  "histogram_quantile",
  "increase",
  "irate",
  "label_replace",
  "max",
  "max_over_time",
  "min",
  "min_over_time",
  "rate",
  "resets",
  "round",
  "sum",
  "time",
  "timestamp",
  "topk",
  "vector",
]);

const KEYWORDS = new Set(["and", "or", "unless", "bool", "offset", "inf", "nan"]);

/** Clauses whose parenthesised list holds label names, not expressions. */
const LABEL_LIST = /\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g;

/**
 * The series names `expr` reads, in order of first use.
 * @example
 * ```ts
 * seriesNames('sum by (le) (rate(x_bucket{a="b"}[5m]))'); // ["x_bucket"]
 * ```
 */
export function seriesNames(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|`[^`]*`/g, " ")
    .replace(/\{[^}]*\}/g, " ")
    .replace(/\[[^\]]*\]/g, " ")
    .replace(/\$\{?\w+\}?/g, " ")
    .replace(LABEL_LIST, " ")
    .replace(/\b(group_left|group_right)\b/g, " ")
    // Numbers (1e9, 0.95) and durations (offset 5m) are not names.
    .replace(/\b\d+(?:\.\d+)?(?:[eE][+-]?\d+|ms|[smhdwy])?\b/g, " ");
  const names: string[] = [];
  for (const match of stripped.matchAll(/[a-zA-Z_:][\w:]*/g)) {
    const name = match[0];
    const rest = stripped.slice(match.index + name.length);
    if (/^\s*\(/.test(rest)) {
      if (!FUNCTIONS.has(name)) throw new Error(`unknown function ${name} in ${expr}`);
    } else if (!KEYWORDS.has(name.toLowerCase()) && !names.includes(name)) {
      names.push(name);
    }
  }
  return names;
}
