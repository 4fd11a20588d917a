// Jupyter notebooks (nbformat 4 JSON) for `check`: reads the code cells, and writes edited cell sources back
// into the JSON text without touching anything else (outputs, metadata, key order, escapes, indentation).

/** A notebook that cannot be read: not JSON, or not nbformat 4. */
export class NotebookError extends Error {}

/** One cell of a notebook. */
export interface NotebookCell {
  /** 0-based position among all cells of the notebook (the CLI prints it 1-based, as Ruff does). */
  readonly index: number;
  readonly type: string;
  /** The cell's source joined into one string. */
  readonly source: string;
  /** Where the `source` value sits in the JSON text, and, when it is a list, where each line's string starts. */
  readonly sourceSpan: { readonly start: number; readonly end: number; readonly lineStarts: readonly number[] | null } | null;
}

/** A parsed notebook: its JSON text and its cells. */
export interface Notebook {
  readonly json: string;
  readonly cells: readonly NotebookCell[];
  /** `metadata.language_info.name` or `metadata.kernelspec.language`, lower-cased; null when the notebook does not say. */
  readonly language: string | null;
}

/** Reads a notebook's JSON text. Throws {@link NotebookError} with a reason a user can act on. */
export function parseNotebook(json: string): Notebook {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    throw new NotebookError(`not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!isObject(data)) throw new NotebookError("not a notebook: the JSON is not an object");
  if (data["nbformat"] !== 4) {
    const version = data["nbformat"] === undefined ? "no nbformat" : `nbformat ${JSON.stringify(data["nbformat"])}`;
    throw new NotebookError(`unsupported notebook format (${version}); only nbformat 4 is read`);
  }
  const rawCells = data["cells"];
  if (!Array.isArray(rawCells)) throw new NotebookError("not a notebook: no `cells` list");
  const tree = scanJson(json);
  const cellNodes = tree.members?.get("cells")?.items ?? [];
  const cells = rawCells.map((raw: unknown, index): NotebookCell => {
    if (!isObject(raw)) throw new NotebookError(`cell ${index + 1} is not an object`);
    const source = raw["source"] ?? "";
    let text: string;
    if (typeof source === "string") text = source;
    else if (Array.isArray(source) && source.every((s) => typeof s === "string")) text = source.join("");
    else throw new NotebookError(`cell ${index + 1}: \`source\` is neither a string nor a list of strings`);
    const node = cellNodes[index]?.members?.get("source");
    const sourceSpan = node === undefined ? null : { start: node.start, end: node.end, lineStarts: node.items?.map((i) => i.start) ?? null };
    return { index, type: typeof raw["cell_type"] === "string" ? raw["cell_type"] : "", source: text, sourceSpan };
  });
  return { json, cells, language: notebookLanguage(data) };
}

/** The code cells, in order: the program a user runs top to bottom. */
export function codeCells(notebook: Notebook): NotebookCell[] {
  return notebook.cells.filter((c) => c.type === "code");
}

/** True unless the notebook says its kernel runs another language than Python. */
export function isPythonNotebook(notebook: Notebook): boolean {
  return notebook.language === null || notebook.language === "python" || notebook.language === "ipython";
}

/**
 * The notebook's JSON text with the sources of some cells replaced (by 0-based cell index). A cell stored as a
 * list of lines stays a list of lines, written with the file's own indentation; every other byte is kept.
 */
export function withCellSources(notebook: Notebook, sources: ReadonlyMap<number, string>): string {
  const replacements: { start: number; end: number; text: string }[] = [];
  for (const [index, source] of sources) {
    const cell = notebook.cells[index];
    if (cell === undefined || cell.source === source) continue;
    const span = cell.sourceSpan;
    if (span === null) return reserialize(notebook, sources);
    const asList = span.lineStarts !== null;
    replacements.push({
      start: span.start,
      end: span.end,
      text: asList ? formatLines(notebook.json, { valueStart: span.start, lines: splitLines(source) }) : JSON.stringify(source),
    });
  }
  replacements.sort((a, b) => b.start - a.start);
  let json = notebook.json;
  for (const r of replacements) json = json.slice(0, r.start) + r.text + json.slice(r.end);
  return json;
}

/** Splits a cell source into lines that keep their line ends, as nbformat stores them (`["a\n", "b"]`). */
export function splitLines(source: string): string[] {
  return source.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/**
 * The 1-based line of the notebook's JSON text that holds line `lineInCell` (0-based) of cell `cell` (0-based): where a
 * tool that shows the raw file (GitHub code scanning) should point.
 */
export function jsonLineOf(notebook: Notebook, at: { readonly cell: number; readonly lineInCell: number }): number {
  const span = notebook.cells[at.cell]?.sourceSpan ?? null;
  if (span === null) return 1;
  const starts = span.lineStarts;
  const offset = starts === null || starts.length === 0 ? span.start : (starts[Math.min(at.lineInCell, starts.length - 1)] ?? span.start);
  let line = 1;
  for (let i = 0; i < offset; i++) if (notebook.json.charCodeAt(i) === 10) line++;
  return line;
}

function formatLines(json: string, value: { readonly valueStart: number; readonly lines: readonly string[] }): string {
  const { valueStart, lines } = value;
  const unit = /^\{\r?\n([ \t]+)"/.exec(json)?.[1] ?? null;
  if (unit === null) return JSON.stringify(lines);
  const lineStart = json.lastIndexOf("\n", valueStart - 1) + 1;
  const base = /^[ \t]*/.exec(json.slice(lineStart, valueStart))?.[0] ?? "";
  const newline = json.includes("\r\n") ? "\r\n" : "\n";
  return JSON.stringify(lines, null, unit).replace(/\n/g, newline + base);
}

// NOTE: used only when the span scanner and JSON.parse disagree, which valid JSON should never cause.
function reserialize(notebook: Notebook, sources: ReadonlyMap<number, string>): string {
  const data = JSON.parse(notebook.json) as { cells: { source: unknown }[] };
  for (const [index, source] of sources) {
    const cell = data.cells[index];
    if (cell !== undefined) cell.source = Array.isArray(cell.source) ? splitLines(source) : source;
  }
  return JSON.stringify(data, null, 1) + "\n";
}

function notebookLanguage(data: Record<string, unknown>): string | null {
  const metadata = data["metadata"];
  if (!isObject(metadata)) return null;
  const info = metadata["language_info"];
  if (isObject(info) && typeof info["name"] === "string") return info["name"].toLowerCase();
  const kernel = metadata["kernelspec"];
  if (isObject(kernel) && typeof kernel["language"] === "string") return kernel["language"].toLowerCase();
  return null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A JSON value's extent in the text, with its members (objects) or items (arrays). */
interface JsonNode {
  readonly start: number;
  readonly end: number;
  readonly members?: Map<string, JsonNode>;
  readonly items?: JsonNode[];
}

/** Finds where every value of a JSON text starts and ends. Assumes `JSON.parse` accepted the text. */
function scanJson(text: string): JsonNode {
  let pos = 0;
  const skipSpace = () => {
    while (pos < text.length && /\s/.test(text[pos] ?? "")) pos++;
  };
  const scanString = () => {
    pos++;
    while (pos < text.length && text[pos] !== '"') pos += text[pos] === "\\" ? 2 : 1;
    pos++;
  };
  const value = (): JsonNode => {
    skipSpace();
    const start = pos;
    const c = text[pos];
    if (c === "{") {
      pos++;
      const members = new Map<string, JsonNode>();
      skipSpace();
      while (pos < text.length && text[pos] !== "}") {
        const keyStart = pos;
        scanString();
        const key = JSON.parse(text.slice(keyStart, pos)) as string;
        skipSpace();
        pos++; // ':'
        members.set(key, value());
        skipSpace();
        if (text[pos] === ",") pos++;
        skipSpace();
      }
      pos++;
      return { start, end: pos, members };
    }
    if (c === "[") {
      pos++;
      const items: JsonNode[] = [];
      skipSpace();
      while (pos < text.length && text[pos] !== "]") {
        items.push(value());
        skipSpace();
        if (text[pos] === ",") pos++;
        skipSpace();
      }
      pos++;
      return { start, end: pos, items };
    }
    if (c === '"') {
      scanString();
      return { start, end: pos };
    }
    while (pos < text.length && !/[\s,\]}]/.test(text[pos] ?? "")) pos++;
    return { start, end: pos };
  };
  return value();
}
