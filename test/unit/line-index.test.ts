// Offsets to line/column positions: every offset of texts with every kind of line break, against a plain scan.
import assert from "node:assert/strict";
import { test } from "node:test";
import { LineIndex } from "numpy-views-server/out/engine/line-index";

/** Line and UTF-16 column of `offset`, by walking the text (`\n`, `\r\n` and a lone `\r` each end a line). */
function naive(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    const c = text[i];
    if (c === "\n" || (c === "\r" && text[i + 1] !== "\n")) {
      line++;
      start = i + 1;
    }
  }
  return { line, character: offset - start };
}

test("LineIndex: position, lineAt and lineStart agree with a plain scan for LF, CRLF, lone CR and edge cases", () => {
  const texts = ["", "x", "\n", "a\nb", "a\nb\n", "\n\n\nx", "a\r\nb\r\n", "a\rb\rc", "a\r\n\rb\n\r\nc", "é𝄞\nπ = 1\r\n"];
  for (const text of texts) {
    const lines = new LineIndex(text);
    for (let offset = 0; offset <= text.length; offset++) {
      const expected = naive(text, offset);
      assert.deepEqual(lines.position(offset), expected, `${JSON.stringify(text)} at ${offset}`);
      assert.equal(lines.lineAt(offset), expected.line);
      assert.equal(lines.lineStart(expected.line) + expected.character, offset);
      assert.equal(lines.offset(expected), offset);
    }
    assert.equal(lines.lineCount, naive(text, text.length).line + 1);
  }
});
