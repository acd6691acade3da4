/**
 * Serves files from a folder with the right content type, a strong ETag from the content, 304 on a
 * matching `If-None-Match`, and a cache policy chosen by the caller. Text files go out brotli- or
 * gzip-compressed when the client accepts it: from a pre-compressed `<file>.br`/`<file>.gz` the
 * build wrote, or compressed once and kept in memory.
 * @module
 */
import { getMimeType } from "hono/utils/mime";
import { contentHash } from "./bundle.ts";
import {
  compressBytes,
  encodedEtag,
  type Encoding,
  ENCODING_SUFFIX,
  isCompressible,
  MIN_COMPRESS_BYTES,
  negotiateEncoding,
  varyOnEncoding,
} from "./compress.ts";

/** How one folder is served. */
export interface StaticOptions {
  /** Folder on disk. */
  readonly dir: string;
  /** URL prefix that maps onto the folder, e.g. `/` or `/_fresh/js`. */
  readonly prefix: string;
  /** `Cache-Control` value for every file served. */
  readonly cacheControl: string;
  /**
   * The folder's top-level names are read once, here, and a URL under any other name is not looked
   * for on disk: for a folder that changes only with a restart (`deno task dev` restarts on
   * `static/`), so the requests it cannot serve, such as every API call, cost no file system call.
   */
  readonly fixedTopLevel?: boolean;
}

interface CachedFile {
  readonly mtime: number;
  readonly size: number;
  readonly etag: string;
  /** Compressed bodies by coding, filled on first use. */
  readonly encoded: Map<Encoding, Uint8Array>;
}

/**
 * Returns a handler that answers a request for a file in `dir`, or `null` when the URL is outside
 * the prefix or no such file exists (so routing can go on). It takes the request's URL when the
 * caller has parsed it already.
 */
export function serveStatic(
  options: StaticOptions,
): (req: Request, url?: URL) => Promise<Response | null> {
  const prefix = options.prefix.endsWith("/") ? options.prefix : `${options.prefix}/`;
  const cache = new Map<string, CachedFile>();
  const topLevel = options.fixedTopLevel ? topLevelNames(options.dir) : null;
  return async (req, url = new URL(req.url)) => {
    if (req.method !== "GET" && req.method !== "HEAD") return null;
    if (topLevel && !mayBeUnder(topLevel, prefix, url.pathname)) return null;
    const path = filePath(options.dir, prefix, url.pathname);
    if (path === null) return null;
    if (topLevel && !topLevel.has(path.slice(options.dir.length + 1).split("/")[0]!)) return null;
    const stat = await statFile(path);
    if (stat === null) return null;
    const mtime = stat.mtime?.getTime() ?? 0;
    let file = cache.get(path);
    if (!file || file.mtime !== mtime || file.size !== stat.size) {
      const etag = `"${await contentHash(await Deno.readFile(path))}"`;
      file = { mtime, size: stat.size, etag, encoded: new Map() };
      cache.set(path, file);
    }
    const type = getMimeType(path) ?? "application/octet-stream";
    const headers = new Headers({ "content-type": type, "cache-control": options.cacheControl });
    const compressible = isCompressible(type) && stat.size >= MIN_COMPRESS_BYTES;
    if (compressible) varyOnEncoding(headers);
    const encoding = compressible ? negotiateEncoding(req.headers.get("accept-encoding")) : null;
    const etag = encoding ? encodedEtag(file.etag, encoding) : file.etag;
    headers.set("etag", etag);
    if (matchesEtag(req.headers.get("if-none-match"), etag)) {
      return new Response(null, { status: 304, headers });
    }
    if (encoding === null) {
      headers.set("content-length", String(stat.size));
      if (req.method === "HEAD") return new Response(null, { headers });
      return new Response((await Deno.open(path, { read: true })).readable, { headers });
    }
    const body = await encodedBody(path, file, encoding);
    headers.set("content-encoding", encoding);
    headers.set("content-length", String(body.length));
    return new Response(req.method === "HEAD" ? null : body as Uint8Array<ArrayBuffer>, {
      headers,
    });
  };
}

/**
 * False when `pathname`'s first part after `prefix` is plainly none of `names`, so most paths
 * that are not files (every API request) are turned away before being decoded.
 */
function mayBeUnder(names: ReadonlySet<string>, prefix: string, pathname: string): boolean {
  if (!pathname.startsWith(prefix)) return false;
  const end = pathname.indexOf("/", prefix.length);
  const first = pathname.slice(prefix.length, end === -1 ? undefined : end);
  return first.includes("%") || names.has(first);
}

/** The file a URL path names inside `dir`, or `null` outside the prefix or for hidden or `..` parts. */
function filePath(dir: string, prefix: string, pathname: string): string | null {
  if (!pathname.startsWith(prefix)) return null;
  let relative: string;
  try {
    relative = decodeURIComponent(pathname.slice(prefix.length));
  } catch {
    return null;
  }
  const parts = relative.split("/");
  if (relative === "" || parts.some((p) => p === ".." || p === "" || p.startsWith("."))) {
    return null;
  }
  return `${dir}/${relative}`;
}

function topLevelNames(dir: string): ReadonlySet<string> {
  try {
    return new Set(Array.from(Deno.readDirSync(dir), (entry) => entry.name));
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return new Set();
    throw error;
  }
}

async function statFile(path: string): Promise<Deno.FileInfo | null> {
  try {
    const stat = await Deno.stat(path);
    return stat.isFile ? stat : null;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound || error instanceof Deno.errors.NotADirectory) {
      return null;
    }
    throw error;
  }
}

/** The compressed body: the build's pre-compressed copy when there is one, else made once. */
async function encodedBody(
  path: string,
  file: CachedFile,
  encoding: Encoding,
): Promise<Uint8Array> {
  let body = file.encoded.get(encoding);
  if (body === undefined) {
    try {
      body = await Deno.readFile(path + ENCODING_SUFFIX[encoding]);
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
      body = await compressBytes(await Deno.readFile(path), encoding);
    }
    file.encoded.set(encoding, body);
  }
  return body;
}

function matchesEtag(header: string | null, etag: string): boolean {
  if (header === null) return false;
  return header.split(",").some((candidate) => {
    const value = candidate.trim();
    return value === "*" || value === etag || value === `W/${etag}`;
  });
}
