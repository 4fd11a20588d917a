// Inline suppression as Ruff and flake8 users write it: `# noqa` (every rule) or `# noqa: NV001, NV003` on the reported line.

/** What a `# noqa` comment on a line suppresses: `all`, a set of codes, or nothing (null). */
export type Noqa = "all" | ReadonlySet<string> | null;

const NOQA = /#\s*noqa(?::[ \t]*([A-Z]+[0-9]+(?:[\s,]+[A-Z]+[0-9]+)*))?/i;

/** Parses the `# noqa` comment of one line of source. */
export function parseNoqa(line: string): Noqa {
  const hash = line.indexOf("#");
  if (hash < 0) return null;
  const m = NOQA.exec(line.slice(hash));
  if (m === null) return null;
  if (m[1] === undefined) return "all";
  return new Set(
    m[1]
      .split(/[\s,]+/)
      .filter((c) => c !== "")
      .map((c) => c.toUpperCase()),
  );
}

/** True when `noqa` suppresses `code`. */
export function suppresses(noqa: Noqa, code: string): boolean {
  return noqa === "all" || (noqa !== null && noqa.has(code));
}
