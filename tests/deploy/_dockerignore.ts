/**
 * `.dockerignore` rules as Docker applies them: one pattern a line (`#` comments), `*` and `?`
 * within a path segment, `**` across segments, `!` re-including, the last matching rule winning,
 * and a rule that matches a folder covering everything in it.
 * @module
 */

interface Rule {
  readonly pattern: RegExp;
  readonly include: boolean;
}

function toRegExp(glob: string): RegExp {
  let source = "";
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i]!;
    if (char === "*" && glob[i + 1] === "*") {
      source += ".*";
      i++;
      if (glob[i + 1] === "/") i++;
    } else if (char === "*") source += "[^/]*";
    else if (char === "?") source += "[^/]";
    else source += char.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}

/** Parses the file's rules. */
export function parseDockerignore(text: string): Rule[] {
  return text.split(/\r?\n/).map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => {
      const include = line.startsWith("!");
      const glob = (include ? line.slice(1) : line).trim().replace(/^\/+/, "").replace(/\/+$/, "");
      return { pattern: toRegExp(glob), include };
    });
}

/**
 * Whether `path` (relative to the build context, `/`-separated) stays out of the context.
 * @example
 * ```ts
 * isIgnored(parseDockerignore(".env*\n!.env.example"), ".env.prod"); // true
 * ```
 */
export function isIgnored(rules: readonly Rule[], path: string): boolean {
  const segments = path.split("/");
  const prefixes = segments.map((_, i) => segments.slice(0, i + 1).join("/"));
  let ignored = false;
  for (const rule of rules) {
    if (prefixes.some((prefix) => rule.pattern.test(prefix))) ignored = !rule.include;
  }
  return ignored;
}
