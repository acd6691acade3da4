/**
 * A bare WebSocket client on TCP for tests that need what the WebSocket API cannot send: a
 * protocol pong frame, as KIS's official Python clients answer PINGPONG with (`ws.pong`).
 */
export class RawWebSocket implements AsyncDisposable {
  readonly #conn: Deno.Conn;
  #buffer = new Uint8Array(0);
  #closed = false;

  private constructor(conn: Deno.Conn) {
    this.#conn = conn;
  }

  /** Opens `url` (`ws://127.0.0.1:port/path`) and completes the upgrade handshake. */
  static async connect(url: string): Promise<RawWebSocket> {
    const { hostname, port, pathname } = new URL(url);
    const conn = await Deno.connect({ hostname, port: Number(port) });
    const socket = new RawWebSocket(conn);
    const key = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
    await socket.#write(new TextEncoder().encode(
      `GET ${pathname} HTTP/1.1\r\nhost: ${hostname}\r\nupgrade: websocket\r\n` +
        `connection: Upgrade\r\nsec-websocket-key: ${key}\r\nsec-websocket-version: 13\r\n\r\n`,
    ));
    const head = await socket.#readUntilBlankLine();
    if (!head.startsWith("HTTP/1.1 101")) throw new Error(`no upgrade: ${head.split("\r\n")[0]}`);
    return socket;
  }

  /** Sends a text frame. */
  sendText(text: string): Promise<void> {
    return this.#write(masked(0x1, new TextEncoder().encode(text)));
  }

  /** Sends a pong frame carrying `payload`. */
  sendPong(payload: string): Promise<void> {
    return this.#write(masked(0xA, new TextEncoder().encode(payload)));
  }

  /**
   * The next text frame, or `"closed"` when the server sent a close frame or the connection
   * ended; other frames are skipped.
   */
  async next(): Promise<string | "closed"> {
    for (;;) {
      const frame = await this.#readFrame();
      if (frame === null || frame.opcode === 0x8) return "closed";
      if (frame.opcode === 0x1) return new TextDecoder().decode(frame.payload);
    }
  }

  /** Closes the TCP connection. */
  [Symbol.asyncDispose](): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      try {
        this.#conn.close();
      } catch {
        // the server closed it first
      }
    }
    return Promise.resolve();
  }

  async #write(bytes: Uint8Array): Promise<void> {
    let written = 0;
    while (written < bytes.length) written += await this.#conn.write(bytes.subarray(written));
  }

  async #fill(): Promise<boolean> {
    const chunk = new Uint8Array(16 * 1024);
    const read = await this.#conn.read(chunk).catch(() => null);
    if (read === null) return false;
    const next = new Uint8Array(this.#buffer.length + read);
    next.set(this.#buffer);
    next.set(chunk.subarray(0, read), this.#buffer.length);
    this.#buffer = next;
    return true;
  }

  async #readUntilBlankLine(): Promise<string> {
    for (;;) {
      const text = new TextDecoder().decode(this.#buffer);
      const end = text.indexOf("\r\n\r\n");
      if (end >= 0) {
        this.#buffer = this.#buffer.slice(new TextEncoder().encode(text.slice(0, end + 4)).length);
        return text.slice(0, end);
      }
      if (!(await this.#fill())) throw new Error("the server closed during the handshake");
    }
  }

  async #readFrame(): Promise<{ opcode: number; payload: Uint8Array } | null> {
    while (this.#buffer.length < 2) if (!(await this.#fill())) return null;
    let length = this.#buffer[1]! & 0x7f;
    let offset = 2;
    if (length >= 126) {
      offset = length === 126 ? 4 : 10;
      while (this.#buffer.length < offset) if (!(await this.#fill())) return null;
      const view = new DataView(this.#buffer.buffer, this.#buffer.byteOffset);
      length = length === 126 ? view.getUint16(2) : Number(view.getBigUint64(2));
    }
    while (this.#buffer.length < offset + length) if (!(await this.#fill())) return null;
    const opcode = this.#buffer[0]! & 0x0f;
    const payload = this.#buffer.slice(offset, offset + length);
    this.#buffer = this.#buffer.slice(offset + length);
    return { opcode, payload };
  }
}

/** A client frame: FIN, `opcode`, masked `payload` (clients must mask, RFC 6455 §5.3). */
function masked(opcode: number, payload: Uint8Array): Uint8Array {
  const mask = crypto.getRandomValues(new Uint8Array(4));
  const header = payload.length < 126 ? 2 : 4;
  const out = new Uint8Array(header + 4 + payload.length);
  out[0] = 0x80 | opcode;
  if (payload.length < 126) out[1] = 0x80 | payload.length;
  else {
    out[1] = 0x80 | 126;
    new DataView(out.buffer).setUint16(2, payload.length);
  }
  out.set(mask, header);
  for (let i = 0; i < payload.length; i++) out[header + 4 + i] = payload[i]! ^ mask[i % 4]!;
  return out;
}
