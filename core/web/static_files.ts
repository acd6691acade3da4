/**
 * Serves files from a folder with the right content type, a strong ETag from the content, 304 on a
 * matching `If-None-Match`, and a cache policy chosen by the caller.
 * @module
 */
import { getMimeType } from "hono/utils/mime";
import { contentHash } from "./bundle.ts";

/** How one folder is served. */
export interface StaticOptions {
  /** Folder on disk. */
  readonly dir: string;
  /** URL prefix that maps onto the folder, e.g. `/` or `/_fresh/js`. */
  readonly prefix: string;
  /** `Cache-Control` value for every file served. */
  readonly cacheControl: string;
}

interface CachedTag {
  readonly mtime: number;
  readonly size: number;
  readonly etag: string;
}

/**
 * Returns a handler that answers a request for a file in `dir`, or `null` when the URL is outside
 * the prefix or no such file exists (so routing can go on).
 */
export function serveStatic(options: StaticOptions): (req: Request) => Promise<Response | null> {
  const prefix = options.prefix.endsWith("/") ? options.prefix : `${options.prefix}/`;
  const tags = new Map<string, CachedTag>();
  return async (req) => {
    if (req.method !== "GET" && req.method !== "HEAD") return null;
    const { pathname } = new URL(req.url);
    if (!pathname.startsWith(prefix)) return null;
    let relative: string;
    try {
      relative = decodeURIComponent(pathname.slice(prefix.length));
    } catch {
      return null;
    }
    if (
      relative === "" ||
      relative.split("/").some((part) => part === ".." || part === "" || part.startsWith("."))
    ) {
      return null;
    }
    const path = `${options.dir}/${relative}`;
    let stat: Deno.FileInfo;
    try {
      stat = await Deno.stat(path);
    } catch (error) {
      if (error instanceof Deno.errors.NotFound || error instanceof Deno.errors.NotADirectory) {
        return null;
      }
      throw error;
    }
    if (!stat.isFile) return null;
    const mtime = stat.mtime?.getTime() ?? 0;
    let tag = tags.get(path);
    if (!tag || tag.mtime !== mtime || tag.size !== stat.size) {
      tag = { mtime, size: stat.size, etag: `"${await contentHash(await Deno.readFile(path))}"` };
      tags.set(path, tag);
    }
    const headers = new Headers({
      "content-type": getMimeType(path) ?? "application/octet-stream",
      "cache-control": options.cacheControl,
      etag: tag.etag,
    });
    if (matchesEtag(req.headers.get("if-none-match"), tag.etag)) {
      return new Response(null, { status: 304, headers });
    }
    headers.set("content-length", String(stat.size));
    if (req.method === "HEAD") return new Response(null, { headers });
    const file = await Deno.open(path, { read: true });
    return new Response(file.readable, { headers });
  };
}

function matchesEtag(header: string | null, etag: string): boolean {
  if (header === null) return false;
  return header.split(",").some((candidate) => {
    const value = candidate.trim();
    return value === "*" || value === etag || value === `W/${etag}`;
  });
}
