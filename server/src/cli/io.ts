// What the subcommands share: the streams they write to, the usage error (exit status 2), and reading sources as UTF-8.
import { readFileSync } from "node:fs";

/** Where a command writes and reads. Tests pass their own; the bundle's entry point passes the process's. */
export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** The working folder: default `.` for `check`, and what printed paths are relative to (default: process.cwd()). */
  readonly cwd?: string;
  /** Reads all of standard input (for `check -`; default: the process's stdin). */
  readonly readStdin?: () => Promise<string>;
}

/** Thrown for problems the user must fix (bad arguments, unreadable files): exit status 2. */
export class UsageError extends Error {}

/** A source file's text, and whether it started with a byte-order mark (kept when the file is written back). */
export interface SourceText {
  readonly text: string;
  readonly bom: boolean;
}

/** Why a file could not be read, as a short phrase for messages. */
export class ReadError extends Error {}

/** Reads a file as UTF-8 (a leading BOM is dropped and remembered). Throws {@link ReadError} with the reason. */
export function readUtf8File(file: string): SourceText {
  let bytes: Uint8Array;
  try {
    bytes = asBytes(readFileSync(file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ReadError(code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : code === "EACCES" ? "permission denied" : String(error));
  }
  return decodeUtf8(bytes);
}

/** Decodes UTF-8 strictly; throws {@link ReadError} for invalid bytes. */
export function decodeUtf8(bytes: Uint8Array): SourceText {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new ReadError("not valid UTF-8");
  }
  const bom = text.charCodeAt(0) === 0xfeff;
  return { text: bom ? text.slice(1) : text, bom };
}

/** Reads all of the process's standard input as UTF-8; throws {@link ReadError} for invalid bytes. */
export async function readProcessStdin(): Promise<string> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of process.stdin) {
    const bytes = typeof chunk === "string" ? new TextEncoder().encode(chunk) : asBytes(chunk as Buffer);
    chunks.push(bytes);
    length += bytes.byteLength;
  }
  const all = new Uint8Array(length);
  let offset = 0;
  for (const c of chunks) {
    all.set(c, offset);
    offset += c.byteLength;
  }
  return decodeUtf8(all).text;
}

// NOTE: with this @types/node, a Buffer does not type-check as a Uint8Array under TypeScript 5.9's lib; view its bytes.
function asBytes(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
