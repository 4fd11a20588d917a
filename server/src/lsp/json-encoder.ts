// The JSON encoding of the server's outgoing messages, with the JSON text of each published diagnostic made once.
//
// Every keystroke republishes all of a document's diagnostics: hundreds on a large file, a few hundred KB of JSON.
// Most of them are unchanged from the last publication, and the server hands out the same Diagnostic object for them
// (see DiagnosticCache in convert.ts). Their JSON text is kept with them here, so a publication costs one join of
// kept strings instead of a walk over some ten thousand objects, and the garbage of that walk.
import type { Diagnostic } from "vscode-languageserver";
import { type ContentTypeEncoder, type ContentTypeEncoderOptions, StreamMessageWriter } from "vscode-languageserver/node";

/** The JSON text of diagnostics the server keeps between publications (they are never changed once made). */
const DIAGNOSTIC_JSON = new WeakMap<Diagnostic, string>();

/** The JSON text of `diagnostic`, made on first use and kept while the diagnostic lives. */
export function diagnosticJson(diagnostic: Diagnostic): string {
  let json = DIAGNOSTIC_JSON.get(diagnostic);
  if (json === undefined) {
    json = JSON.stringify(diagnostic);
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

/** The JSON text of a message: `JSON.stringify(message)`, with kept diagnostics' text reused. */
export function encodeMessage(message: unknown): string {
  if (!isPublishMessage(message)) return JSON.stringify(message);
  const { jsonrpc, method, params, ...rest } = message;
  const { uri, version, diagnostics, ...otherParams } = params;
  // Anything this shape does not expect goes the ordinary way (the same text, only slower).
  if (Object.keys(rest).length > 0 || Object.keys(otherParams).length > 0) return JSON.stringify(message);
  const head = `{"jsonrpc":${JSON.stringify(jsonrpc)},"method":"${method}","params":{"uri":${JSON.stringify(uri)}`;
  const versionPart = version === undefined ? "" : `,"version":${JSON.stringify(version)}`;
  const items = diagnostics.map(diagnosticJson).join(",");
  return `${head}${versionPart},"diagnostics":[${items}]}}`;
}

const UTF8 = new TextEncoder();

/** The `application/json` encoder of the server's stream transports (stdio, and the tests' in-memory streams). */
export const MESSAGE_ENCODER: ContentTypeEncoder = {
  name: "application/json",
  encode(message: unknown, options: ContentTypeEncoderOptions): Promise<Uint8Array> {
    try {
      if (options.charset !== "utf-8") throw new Error(`numpy-views: cannot encode messages as ${options.charset}`);
      return Promise.resolve(UTF8.encode(encodeMessage(message)));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  },
};

/** The writer the server sends its messages with on a stream. */
export function serverMessageWriter(stream: NodeJS.WritableStream): StreamMessageWriter {
  return new StreamMessageWriter(stream, { charset: "utf-8", contentTypeEncoder: MESSAGE_ENCODER });
}
