/**
 * A small RFC 6455 WebSocket server on raw TCP, because KIS clients may answer PINGPONG with a
 * protocol pong frame (OTA:auth `ws.pong`) and `Deno.upgradeWebSocket` hides pong frames from the
 * server. Text, ping, pong and close frames; fragments are joined; binary frames are ignored.
 *
 * @module
 */

/** One client connection, as the hub sees it. */
export interface SimSocket {
  /** True until either side starts closing. */
  readonly isOpen: boolean;
  /** Sends one text frame (dropped once closing). */
  send(text: string): void;
  /** Starts the closing handshake with `code` (default 1000, normal closure). */
  close(code?: number, reason?: string): void;
}

/** What the hub does with a connection's events. */
export interface SocketHandlers {
  onText(text: string): void;
  /** A pong frame arrived, with its payload as text. */
  onPong(payload: string): void;
  /** The connection is gone (after a closing handshake or a dropped TCP connection). */
  onClose(): void;
}

/** A listening WebSocket server. */
export interface WsServer {
  readonly port: number;
  /** Stops listening and drops every connection still open. */
  shutdown(): Promise<void>;
}

const GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
const MAX_HEAD = 16 * 1024;
const MAX_MESSAGE = 1024 * 1024;
const CLOSE_WAIT_MS = 1_000;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Listens on 127.0.0.1:`port` and hands every upgraded connection to `accept`. */
export function serveWebSockets(
  port: number,
  accept: (socket: SimSocket) => SocketHandlers,
): WsServer {
  const listener = Deno.listen({ hostname: "127.0.0.1", port });
  const connections = new Set<Deno.Conn>();
  const handlers = new Set<Promise<void>>();
  const serving = (async () => {
    for await (const conn of listener) {
      connections.add(conn);
      const handled = handleConnection(conn, accept).finally(() => {
        connections.delete(conn);
        handlers.delete(handled);
      });
      handlers.add(handled);
    }
  })().catch(() => {});
  return {
    port: (listener.addr as Deno.NetAddr).port,
    async shutdown() {
      listener.close();
      for (const conn of connections) closeQuietly(conn);
      await serving;
      await Promise.all(handlers);
    },
  };
}

async function handleConnection(
  conn: Deno.Conn,
  accept: (socket: SimSocket) => SocketHandlers,
): Promise<void> {
  const reader = new ByteReader(conn);
  try {
    const head = await reader.readHead();
    const key = head?.headers.get("sec-websocket-key");
    if (!head || head.headers.get("upgrade")?.toLowerCase() !== "websocket" || !key) {
      await writeAll(
        conn,
        encoder.encode(
          "HTTP/1.1 426 Upgrade Required\r\ncontent-length: 14\r\nconnection: close\r\n\r\n" +
            "WebSocket only",
        ),
      );
      return;
    }
    const digest = await crypto.subtle.digest("SHA-1", encoder.encode(key + GUID));
    const acceptKey = btoa(String.fromCharCode(...new Uint8Array(digest)));
    await writeAll(
      conn,
      encoder.encode(
        "HTTP/1.1 101 Switching Protocols\r\nupgrade: websocket\r\nconnection: Upgrade\r\n" +
          `sec-websocket-accept: ${acceptKey}\r\n\r\n`,
      ),
    );
    await runSession(conn, reader, accept);
  } catch {
    // a peer that vanishes mid-frame ends its session like a close
  } finally {
    closeQuietly(conn);
  }
}

async function runSession(
  conn: Deno.Conn,
  reader: ByteReader,
  accept: (socket: SimSocket) => SocketHandlers,
): Promise<void> {
  let state: "open" | "closing" | "closed" = "open";
  let writing = Promise.resolve();
  const write = (frame: Uint8Array) => {
    writing = writing.then(() => writeAll(conn, frame)).catch(() => {});
    return writing;
  };
  let closeTimer: ReturnType<typeof setTimeout> | undefined;
  const socket: SimSocket = {
    get isOpen() {
      return state === "open";
    },
    send(text) {
      if (state === "open") void write(frame(0x1, encoder.encode(text)));
    },
    close(code = 1000, reason = "") {
      if (state !== "open") return;
      state = "closing";
      void write(frame(0x8, closePayload(code, reason)));
      // a peer that never answers the close is dropped
      closeTimer = setTimeout(() => closeQuietly(conn), CLOSE_WAIT_MS);
    },
  };
  const handlers = accept(socket);
  const fragments: Uint8Array[] = [];
  try {
    while (state !== "closed") {
      const next = await reader.readFrame();
      if (next === null) break;
      switch (next.opcode) {
        case 0x0:
        case 0x1:
          fragments.push(next.payload);
          if (next.fin) {
            const text = decoder.decode(concat(fragments));
            fragments.length = 0;
            if (state === "open") handlers.onText(text);
          }
          break;
        case 0x8:
          if (state === "open") await write(frame(0x8, next.payload.slice(0, 2)));
          state = "closed";
          break;
        case 0x9:
          if (state === "open") void write(frame(0xA, next.payload));
          break;
        case 0xA:
          handlers.onPong(decoder.decode(next.payload));
          break;
      }
    }
  } finally {
    state = "closed";
    clearTimeout(closeTimer);
    await writing;
    handlers.onClose();
  }
}

/** An unmasked server frame (FIN set). */
function frame(opcode: number, payload: Uint8Array): Uint8Array {
  const length = payload.length;
  const header = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const out = new Uint8Array(header + length);
  out[0] = 0x80 | opcode;
  if (length < 126) out[1] = length;
  else if (length < 65_536) {
    out[1] = 126;
    new DataView(out.buffer).setUint16(2, length);
  } else {
    out[1] = 127;
    new DataView(out.buffer).setBigUint64(2, BigInt(length));
  }
  out.set(payload, header);
  return out;
}

function closePayload(code: number, reason: string): Uint8Array {
  const text = encoder.encode(reason);
  const out = new Uint8Array(2 + text.length);
  new DataView(out.buffer).setUint16(0, code);
  out.set(text, 2);
  return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

async function writeAll(conn: Deno.Conn, bytes: Uint8Array): Promise<void> {
  let written = 0;
  while (written < bytes.length) written += await conn.write(bytes.subarray(written));
}

function closeQuietly(conn: Deno.Conn): void {
  try {
    conn.close();
  } catch {
    // already closed
  }
}

/** Buffered reads of an HTTP head and of client frames from one connection. */
class ByteReader {
  readonly #conn: Deno.Conn;
  #buffer = new Uint8Array(0);

  constructor(conn: Deno.Conn) {
    this.#conn = conn;
  }

  /** The request head (request line and headers), or null when the peer left first. */
  async readHead(): Promise<{ line: string; headers: Headers } | null> {
    for (;;) {
      const text = decoder.decode(this.#buffer);
      const end = text.indexOf("\r\n\r\n");
      if (end >= 0) {
        const headBytes = encoder.encode(text.slice(0, end + 4)).length;
        this.#buffer = this.#buffer.slice(headBytes);
        const [line = "", ...fields] = text.slice(0, end).split("\r\n");
        const headers = new Headers();
        for (const field of fields) {
          const colon = field.indexOf(":");
          if (colon > 0) {
            headers.append(field.slice(0, colon).trim(), field.slice(colon + 1).trim());
          }
        }
        return { line, headers };
      }
      if (this.#buffer.length > MAX_HEAD || !(await this.#fill())) return null;
    }
  }

  /** The next frame, unmasked, or null when the connection ended. */
  async readFrame(): Promise<{ fin: boolean; opcode: number; payload: Uint8Array } | null> {
    if (!(await this.#need(2))) return null;
    const [b0 = 0, b1 = 0] = this.#buffer;
    let length = b1 & 0x7f;
    let offset = 2;
    if (length === 126) {
      if (!(await this.#need(4))) return null;
      length = new DataView(this.#buffer.buffer, this.#buffer.byteOffset).getUint16(2);
      offset = 4;
    } else if (length === 127) {
      if (!(await this.#need(10))) return null;
      length = Number(new DataView(this.#buffer.buffer, this.#buffer.byteOffset).getBigUint64(2));
      offset = 10;
    }
    if (length > MAX_MESSAGE) throw new RangeError(`frame of ${length} bytes`);
    const masked = (b1 & 0x80) !== 0;
    const total = offset + (masked ? 4 : 0) + length;
    if (!(await this.#need(total))) return null;
    const mask = masked ? this.#buffer.slice(offset, offset + 4) : null;
    const payload = this.#buffer.slice(total - length, total);
    if (mask) { for (let i = 0; i < payload.length; i++) payload[i]! ^= mask[i % 4]!; }
    this.#buffer = this.#buffer.slice(total);
    return { fin: (b0 & 0x80) !== 0, opcode: b0 & 0x0f, payload };
  }

  async #need(bytes: number): Promise<boolean> {
    while (this.#buffer.length < bytes) {
      if (!(await this.#fill())) return false;
    }
    return true;
  }

  async #fill(): Promise<boolean> {
    const chunk = new Uint8Array(16 * 1024);
    const read = await this.#conn.read(chunk);
    if (read === null) return false;
    this.#buffer = concat([this.#buffer, chunk.subarray(0, read)]);
    return true;
  }
}
