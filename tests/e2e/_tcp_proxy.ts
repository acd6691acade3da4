/**
 * A loopback TCP proxy in front of the app, so a browser test can drop every open connection (a
 * network that goes away) while the app keeps running.
 * @module
 */

/** A running proxy. */
export interface TcpProxy {
  /** The proxy's base URL, e.g. `http://127.0.0.1:41235`. */
  readonly url: string;
  /** Closes every connection going through it; new ones are still accepted. */
  dropAll(): void;
  /** Stops listening and closes every connection. */
  close(): Promise<void>;
}

/** Starts a proxy on an ephemeral 127.0.0.1 port forwarding to `target` (an http URL). */
export function startTcpProxy(target: string): TcpProxy {
  const { hostname, port } = new URL(target);
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const open = new Set<Deno.Conn>();
  const closeQuietly = (conn: Deno.Conn) => {
    open.delete(conn);
    try {
      conn.close();
    } catch {
      // already closed by the other side
    }
  };
  const pipe = async (from: Deno.Conn, to: Deno.Conn) => {
    try {
      await from.readable.pipeTo(to.writable, { preventClose: true });
    } catch {
      // a dropped connection ends its pipe
    }
    closeQuietly(from);
    closeQuietly(to);
  };
  const accepting = (async () => {
    for await (const client of listener) {
      const upstream = await Deno.connect({ hostname, port: Number(port) });
      open.add(client);
      open.add(upstream);
      pipe(client, upstream);
      pipe(upstream, client);
    }
  })().catch(() => {});
  return {
    url: `http://127.0.0.1:${(listener.addr as Deno.NetAddr).port}`,
    dropAll() {
      for (const conn of [...open]) closeQuietly(conn);
    },
    async close() {
      listener.close();
      for (const conn of [...open]) closeQuietly(conn);
      await accepting;
    },
  };
}
