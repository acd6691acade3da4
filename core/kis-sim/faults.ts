/** A fault the tests (or the demo) can switch on; `count` defaults as documented per kind. */
export type Fault =
  /** The next `count` (default 1) REST calls answer HTTP 500 with a generic server error. */
  | { kind: "http500"; count?: number }
  /** The next `count` (default 1) REST calls answer EGW00201 whatever the budget. */
  | { kind: "rateLimit"; count?: number }
  /** The next `count` (default: all, until cleared) REST calls are delayed by `ms`. */
  | { kind: "slow"; ms: number; count?: number }
  /** Every open WebSocket is closed by the server now. */
  | { kind: "dropWebSocket" }
  /** `count` PINGPONG frames are sent at once to every open WebSocket. */
  | { kind: "pingpongStorm"; count: number }
  /** Every issued access token expires now (EGW00123 on the next call). */
  | { kind: "expireToken" }
  /** The next `count` (default: all, until cleared) fill notices are sent twice. */
  | { kind: "duplicateFillNotice"; count?: number }
  /** The next `count` (default: all, until cleared) fill notices are sent `ms` late. */
  | { kind: "delayFillNotice"; ms: number; count?: number }
  /**
   * The next `count` (default: all, until cleared) successful REST answers lack `fields` in every
   * row of their outputs (a format change on KIS's side).
   */
  | { kind: "omitFields"; fields: readonly string[]; count?: number }
  /** Like `omitFields`, but the named output fields carry the given text instead. */
  | { kind: "corruptFields"; fields: Readonly<Record<string, string>>; count?: number };

/** How the next successful REST answer's output rows are edited (nothing when both are empty). */
export interface OutputEdit {
  readonly omit: readonly string[];
  readonly replace: Readonly<Record<string, string>>;
}

/** The fault kinds that act at once rather than on later requests. */
export type ImmediateFault = Extract<
  Fault,
  { kind: "dropWebSocket" | "pingpongStorm" | "expireToken" }
>;

/** What happens to one fill notice. */
export interface NoticeFault {
  readonly duplicate: boolean;
  readonly delayMs: number;
}

interface Pending {
  remaining: number;
  ms: number;
}

/** Holds armed faults; the server asks it before each request or notice and applies the answer. */
export class FaultInjector {
  #http500: Pending = { remaining: 0, ms: 0 };
  #rateLimit: Pending = { remaining: 0, ms: 0 };
  #slow: Pending = { remaining: 0, ms: 0 };
  #duplicate: Pending = { remaining: 0, ms: 0 };
  #delay: Pending = { remaining: 0, ms: 0 };
  #omit: Pending & { fields: readonly string[] } = { remaining: 0, ms: 0, fields: [] };
  #corrupt: Pending & { fields: Readonly<Record<string, string>> } = {
    remaining: 0,
    ms: 0,
    fields: {},
  };
  #immediate: (fault: ImmediateFault) => void;

  /** `onImmediate` carries out the faults that act at once (the server supplies it). */
  constructor(onImmediate: (fault: ImmediateFault) => void) {
    this.#immediate = onImmediate;
  }

  /** Arms `fault` (or carries it out now, for the immediate kinds). */
  inject(fault: Fault): void {
    switch (fault.kind) {
      case "http500":
        this.#http500 = { remaining: fault.count ?? 1, ms: 0 };
        return;
      case "rateLimit":
        this.#rateLimit = { remaining: fault.count ?? 1, ms: 0 };
        return;
      case "slow":
        this.#slow = { remaining: fault.count ?? Infinity, ms: fault.ms };
        return;
      case "duplicateFillNotice":
        this.#duplicate = { remaining: fault.count ?? Infinity, ms: 0 };
        return;
      case "delayFillNotice":
        this.#delay = { remaining: fault.count ?? Infinity, ms: fault.ms };
        return;
      case "omitFields":
        this.#omit = { remaining: fault.count ?? Infinity, ms: 0, fields: fault.fields };
        return;
      case "corruptFields":
        this.#corrupt = { remaining: fault.count ?? Infinity, ms: 0, fields: fault.fields };
        return;
      default:
        this.#immediate(fault);
    }
  }

  /** Disarms every fault. */
  clear(): void {
    for (
      const pending of [
        this.#http500,
        this.#rateLimit,
        this.#slow,
        this.#duplicate,
        this.#delay,
        this.#omit,
        this.#corrupt,
      ]
    ) {
      pending.remaining = 0;
    }
  }

  /** Consumes the fault (if any) that replaces the next REST answer. */
  takeRestFailure(): "http500" | "rateLimit" | null {
    if (take(this.#http500)) return "http500";
    if (take(this.#rateLimit)) return "rateLimit";
    return null;
  }

  /** Consumes the delay (ms, 0 for none) of the next REST answer. */
  takeSlowMs(): number {
    return take(this.#slow) ? this.#slow.ms : 0;
  }

  /** Consumes the edit of the next successful REST answer's output rows. */
  takeOutputEdit(): OutputEdit {
    return {
      omit: take(this.#omit) ? this.#omit.fields : [],
      replace: take(this.#corrupt) ? this.#corrupt.fields : {},
    };
  }

  /** Consumes what happens to the next fill notice. */
  takeNoticeFault(): NoticeFault {
    const duplicate = take(this.#duplicate);
    const delayMs = take(this.#delay) ? this.#delay.ms : 0;
    return { duplicate, delayMs };
  }
}

function take(pending: Pending): boolean {
  if (pending.remaining <= 0) return false;
  pending.remaining -= 1;
  return true;
}
