// Where the analysed text came from: one text document, or the code cells of a notebook joined into one program.
// Maps offsets of the analysed text to (document uri, offset) and back. Snapshots, so they never race with edits.
import { joinCells } from "../engine/cells";
import { LineIndex, type Position } from "../engine/line-index";

/** One document (a file, or one notebook cell) as it was when analysed. */
export interface SourceDocument {
  readonly uri: string;
  readonly version: number;
  readonly text: string;
  readonly lines: LineIndex;
  /** How messages name this document when it is one of several (`cell 3`); null for a plain file. */
  readonly label: string | null;
}

/** A place in one document. */
export interface DocumentOffset {
  readonly doc: SourceDocument;
  readonly offset: number;
}

/**
 * The analysed text and how its offsets map onto editor documents.
 *
 * ```python
 * # cell 1: a = np.zeros(3)     cell 2: b = a[:2]
 * # analysed text: "a = np.zeros(3)\n\nb = a[:2]"; offset 17 is (cell 2, offset 0)
 * ```
 */
export interface TextMap {
  /** The text given to the engine. */
  readonly text: string;
  /** The documents it is made of, in order (one for a file, one per Python code cell for a notebook). */
  readonly documents: readonly SourceDocument[];
  /** The document whose text the analysed text is (its offsets are the document's), or null (a notebook). */
  readonly single: SourceDocument | null;
  /** The document and in-document offset of an offset of {@link TextMap.text}. */
  locate(offset: number): DocumentOffset;
  /** The offset in {@link TextMap.text} of an offset in document `uri`; undefined when `uri` is not part of it. */
  offsetOf(uri: string, offset: number): number | undefined;
}

/** The map of a plain text document: the identity. */
export function textDocumentMap(document: { uri: string; version: number; text: string }): TextMap {
  const { uri, version, text } = document;
  const doc: SourceDocument = { uri, version, text, lines: new LineIndex(text), label: null };
  return {
    text,
    documents: [doc],
    single: doc,
    locate: (offset) => ({ doc, offset: Math.max(0, Math.min(offset, text.length)) }),
    offsetOf: (u, offset) => (u === uri ? offset : undefined),
  };
}

/** The map of notebook cells analysed as one program, in notebook order. */
export function notebookMap(cells: readonly { uri: string; version: number; text: string; label: string }[]): TextMap {
  const joined = joinCells(cells.map((c) => c.text));
  const documents: SourceDocument[] = cells.map((c) => ({ uri: c.uri, version: c.version, text: c.text, lines: new LineIndex(c.text), label: c.label }));
  const indexByUri = new Map(documents.map((d, i) => [d.uri, i]));
  const empty: SourceDocument = { uri: "", version: 0, text: "", lines: new LineIndex(""), label: null };
  return {
    text: joined.text,
    documents,
    single: null,
    locate: (offset) => {
      const { cell, offset: inCell } = joined.cellOf(offset);
      return { doc: documents[cell] ?? empty, offset: inCell };
    },
    offsetOf: (uri, offset) => {
      const index = indexByUri.get(uri);
      return index === undefined ? undefined : joined.offsetOf(index, offset);
    },
  };
}

/** A position (0-based line, UTF-16 character) in one document. */
export interface DocumentPosition {
  readonly uri: string;
  readonly position: Position;
}

/** The document position of an offset of the analysed text. */
export function positionOf(map: TextMap, offset: number): DocumentPosition {
  const { doc, offset: local } = map.locate(offset);
  return { uri: doc.uri, position: doc.lines.position(local) };
}

/** The document containing `uri`, if part of the map. */
export function documentOf(map: TextMap, uri: string): SourceDocument | undefined {
  return map.documents.find((d) => d.uri === uri);
}

/** A place as messages name it: `line 3`, or `cell 2, line 3` in a notebook (1-based). */
export function placeLabel(map: TextMap, offset: number): string {
  const { doc, offset: local } = map.locate(offset);
  const line = `line ${doc.lines.position(local).line + 1}`;
  return doc.label === null ? line : `${doc.label}, ${line}`;
}
