/**
 * Plain WebSocket helpers for protocol tests: no client code, just what KIS documents.
 *
 * @module
 */
import assert from "node:assert/strict";
import type { Simulator } from "../../core/kis-sim/mod.ts";

/** A test-side socket that queues incoming text frames. */
export class Inbox {
  readonly socket: WebSocket;
  readonly opened: Promise<void>;
  readonly closed: Promise<void>;
  #queue: string[] = [];
  #waiting: ((text: string) => void) | null = null;

  constructor(url: string) {
    this.socket = new WebSocket(url);
    this.opened = new Promise((resolve) => this.socket.onopen = () => resolve());
    this.closed = new Promise((resolve) => this.socket.onclose = () => resolve());
    this.socket.onmessage = (event) => {
      const text = String(event.data);
      if (this.#waiting) {
        const resolve = this.#waiting;
        this.#waiting = null;
        resolve(text);
      } else this.#queue.push(text);
    };
  }

  /** The next text frame. */
  next(): Promise<string> {
    const queued = this.#queue.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    return new Promise((resolve) => this.#waiting = resolve);
  }

  /** Skips frames until one satisfies `predicate`. */
  async until(predicate: (text: string) => boolean): Promise<string> {
    return (await this.upTo(predicate)).at(-1) ?? "";
  }

  /** Every frame up to and including the first that satisfies `predicate`. */
  async upTo(predicate: (text: string) => boolean): Promise<string[]> {
    const frames: string[] = [];
    for (;;) {
      const text = await this.next();
      frames.push(text);
      if (predicate(text)) return frames;
    }
  }

  /** Closes the socket and waits until it has closed. */
  async close(): Promise<void> {
    if (this.socket.readyState !== WebSocket.CLOSED) this.socket.close();
    await this.closed;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}

/** An approval key for the simulator's keys (POST /oauth2/Approval). */
export async function approvalKey(sim: Simulator): Promise<string> {
  const response = await fetch(`${sim.restUrl}/oauth2/Approval`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      grant_type: "client_credentials",
      appkey: sim.credentials.appKey,
      secretkey: sim.credentials.appSecret,
    }),
  });
  const body = await response.json();
  assert.equal(response.status, 200);
  return String(body.approval_key);
}

/** A register (`tr_type` 1) or unregister (2) message for `trId`/`trKey`. */
export function subscribe(key: string, trId: string, trKey: string, trType = "1"): string {
  return JSON.stringify({
    header: { approval_key: key, custtype: "P", tr_type: trType, "content-type": "utf-8" },
    body: { input: { tr_id: trId, tr_key: trKey } },
  });
}
