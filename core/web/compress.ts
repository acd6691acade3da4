/**
 * Response compression: brotli or gzip, whichever the client prefers of those it accepts, for
 * text types only (HTML, JS, JSON, CSS, SVG...). Bundles are compressed once at build time; other
 * responses as they go out.
 * @module
 */
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";

/** The content codings the server can send. */
export type Encoding = "br" | "gzip";

/** File suffix of a pre-compressed copy, by coding. */
export const ENCODING_SUFFIX: Readonly<Record<Encoding, string>> = { br: ".br", gzip: ".gz" };

/** Responses smaller than this go out as they are: compression would save nothing. */
export const MIN_COMPRESS_BYTES = 512;

const COMPRESSIBLE =
  /^(text\/|application\/(json|javascript|xml|manifest\+json|[\w.+-]+\+json|[\w.+-]+\+xml)|image\/svg\+xml)/;

/** Whether a content type is text that compresses well. */
export function isCompressible(contentType: string | null): boolean {
  return contentType !== null && COMPRESSIBLE.test(contentType.toLowerCase());
}

/**
 * Picks the coding to send from an `Accept-Encoding` header: the highest q-value the client
 * gives among `available`, brotli first on a tie; `null` for identity.
 * @example
 * ```ts
 * negotiateEncoding("gzip, deflate, br"); // "br"
 * negotiateEncoding("gzip;q=1, br;q=0.5"); // "gzip"
 * ```
 */
export function negotiateEncoding(
  header: string | null,
  available: readonly Encoding[] = ["br", "gzip"],
): Encoding | null {
  if (!header) return null;
  const weights = new Map<string, number>();
  for (const part of header.split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    weights.set(name, q === undefined ? 1 : Number(q));
  }
  let best: Encoding | null = null;
  let bestWeight = 0;
  for (const encoding of available) {
    const weight = weights.get(encoding) ?? weights.get("*") ?? 0;
    if (weight > bestWeight) {
      best = encoding;
      bestWeight = weight;
    }
  }
  return best;
}

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * Compresses bytes; `best` trades time for size (for build-time bundles), the default is quick
 * enough for a response on its way out.
 */
export async function compressBytes(
  bytes: Uint8Array,
  encoding: Encoding,
  { best = false } = {},
): Promise<Uint8Array> {
  const out = encoding === "br"
    ? await brotli(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: best ? 11 : 5,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    })
    : await gzipAsync(bytes, { level: best ? 9 : 6 });
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/** The ETag of one coding of a representation: a strong tag gets the coding as a suffix. */
export function encodedEtag(etag: string, encoding: Encoding): string {
  return etag.startsWith('"') ? `${etag.slice(0, -1)}-${encoding}"` : etag;
}

/** Adds `Accept-Encoding` to a response's `Vary` header unless it is there. */
export function varyOnEncoding(headers: Headers): void {
  const vary = headers.get("vary");
  if (vary === null) headers.set("vary", "Accept-Encoding");
  else if (!/(^|,)\s*(accept-encoding|\*)\s*(,|$)/i.test(vary)) {
    headers.set("vary", `${vary}, Accept-Encoding`);
  }
}

/**
 * Compresses a finished response for `req` when its type is text, it is not already encoded,
 * not a stream of events, and not tiny. Anything else comes back unchanged.
 */
export async function compressResponse(req: Request, response: Response): Promise<Response> {
  const type = response.headers.get("content-type");
  if (!isCompressible(type) || type!.startsWith("text/event-stream")) return response;
  if (response.headers.has("content-encoding")) return response;
  const encoding = negotiateEncoding(req.headers.get("accept-encoding"));
  const compressibleStatus = response.status >= 200 && response.status !== 204 &&
    response.status !== 206;
  if (encoding === null || response.body === null || !compressibleStatus) {
    return withVary(response);
  }
  const headers = new Headers(response.headers);
  // A cache must keep codings apart even for answers that carry no body (HEAD, 304).
  varyOnEncoding(headers);
  const init = { status: response.status, statusText: response.statusText, headers };
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length < MIN_COMPRESS_BYTES) return new Response(bytes, init);
  const compressed = await compressBytes(bytes, encoding);
  headers.set("content-encoding", encoding);
  headers.set("content-length", String(compressed.length));
  const etag = headers.get("etag");
  if (etag !== null) headers.set("etag", encodedEtag(etag, encoding));
  return new Response(compressed as Uint8Array<ArrayBuffer>, init);
}

/**
 * `response` with `Accept-Encoding` in its `Vary`: marked in place (copying the headers and the
 * response was a good part of a small API answer's cost), or on a copy when its headers are
 * immutable (a fetched or redirect response).
 */
function withVary(response: Response): Response {
  try {
    varyOnEncoding(response.headers);
    return response;
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    const headers = new Headers(response.headers);
    varyOnEncoding(headers);
    return new Response(response.body, {
      status: response.status,
      statusText: response.statusText,
      headers,
    });
  }
}
