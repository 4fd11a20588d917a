// The JSON encoding of the server's outgoing messages, with the JSON text of each published diagnostic made once.
//
// Every keystroke republishes all of a document's diagnostics: hundreds on a large file, a few hundred KB of JSON.
// Most of them are unchanged from the last publication, and the server hands out the same Diagnostic object for them
// (see DiagnosticCache in convert.ts). Their JSON text is kept with them here, as UTF-8 bytes, so a publication
// costs copying kept bytes instead of a walk over some ten thousand objects and the garbage of that walk.
import type { Diagnostic } from "vscode-languageserver";
import { type ContentTypeEncoder, type ContentTypeEncoderOptions, StreamMessageWriter } from "vscode-languageserver/node";

const UTF8 = new TextEncoder();

/** The UTF-8 JSON text of diagnostics the server keeps between publications (they are never changed once made). */
const DIAGNOSTIC_JSON = new WeakMap<Diagnostic, Uint8Array>();

/** The UTF-8 JSON text of `diagnostic`, made on first use and kept while the diagnostic lives. */
export function diagnosticJson(diagnostic: Diagnostic): Uint8Array {
  let json = DIAGNOSTIC_JSON.get(diagnostic);
  if (json === undefined) {
    json = UTF8.encode(JSON.stringify(diagnostic));
    DIAGNOSTIC_JSON.set(diagnostic, json);
  }
  return json;
}

const PUBLISH_DIAGNOSTICS = "textDocument/publishDiagnostics";

interface PublishMessage {
  jsonrpc: string;
  method: typeof PUBLISH_DIAGNOSTICS;
  params: { uri: string; version?: number; diagnostics: Diagnostic[] };
}

function isPublishMessage(message: unknown): message is PublishMessage {
  if (typeof message !== "object" || message === null) return false;
  const m = message as Partial<PublishMessage>;
  return m.method === PUBLISH_DIAGNOSTICS && typeof m.params === "object" && m.params !== null && Array.isArray(m.params.diagnostics);
}

/**
 * The UTF-8 JSON text of a message: the bytes of `JSON.stringify(message)`. A publication is copied together from
 * its diagnostics' kept bytes, so no string of the whole message is made (a string that large would be allocated
 * straight into the old generation on every keystroke).
 */
export function encodeMessage(message: unknown): Uint8Array {
  if (!isPublishMessage(message)) return UTF8.encode(JSON.stringify(message));
  const { jsonrpc, method, params, ...rest } = message;
  const { uri, version, diagnostics, ...otherParams } = params;
  // Anything this shape does not expect goes the ordinary way (the same text, only slower).
  if (Object.keys(rest).length > 0 || Object.keys(otherParams).length > 0) return UTF8.encode(JSON.stringify(message));
  const versionPart = version === undefined ? "" : `,"version":${JSON.stringify(version)}`;
  const head = UTF8.encode(`{"jsonrpc":${JSON.stringify(jsonrpc)},"method":"${method}","params":{"uri":${JSON.stringify(uri)}${versionPart},"diagnostics":[`);
  const items = diagnostics.map(diagnosticJson);
  let length = head.length + TAIL.length + Math.max(0, items.length - 1);
  for (const item of items) length += item.length;
  const out = new Uint8Array(length);
  out.set(head, 0);
  let at = head.length;
  items.forEach((item, i) => {
    if (i > 0) out[at++] = COMMA;
    out.set(item, at);
    at += item.length;
  });
  out.set(TAIL, at);
  return out;
}

const TAIL = UTF8.encode("]}}");
const COMMA = 0x2c;

/** The `application/json` encoder of the server's stream transports (stdio, and the tests' in-memory streams). */
export const MESSAGE_ENCODER: ContentTypeEncoder = {
  name: "application/json",
  encode(message: unknown, options: ContentTypeEncoderOptions): Promise<Uint8Array> {
    try {
      if (options.charset !== "utf-8") throw new Error(`numpy-views: cannot encode messages as ${options.charset}`);
      return Promise.resolve(encodeMessage(message));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  },
};

/** The writer the server sends its messages with on a stream. */
export function serverMessageWriter(stream: NodeJS.WritableStream): StreamMessageWriter {
  return new StreamMessageWriter(stream, { charset: "utf-8", contentTypeEncoder: MESSAGE_ENCODER });
}
