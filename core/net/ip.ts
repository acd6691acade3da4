/**
 * IP addresses and CIDR ranges as numbers: parsing IPv4 and IPv6 text (an IPv4-mapped IPv6
 * address counts as its IPv4 address) and testing whether an address falls in a range. Pure.
 * @module
 */

/** An address as a number, with its family's bit width. */
export interface IpAddress {
  readonly bits: 32 | 128;
  readonly value: bigint;
}

/** A CIDR range: the first `prefix` bits of `base`. */
export interface IpRange {
  readonly base: IpAddress;
  readonly prefix: number;
}

function parseIpv4(text: string): bigint | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return null;
    value = (value << 8n) | BigInt(Number(part));
  }
  return value;
}

function parseIpv6(text: string): bigint | null {
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const groups = (half: string): string[] | null => {
    if (half === "") return [];
    const items = half.split(":");
    const last = items.at(-1)!;
    if (last.includes(".")) {
      const v4 = parseIpv4(last);
      if (v4 === null) return null;
      items.splice(-1, 1, (v4 >> 16n).toString(16), (v4 & 0xffffn).toString(16));
    }
    return items.every((item) => /^[0-9a-f]{1,4}$/i.test(item)) ? items : null;
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (head === null || tail === null) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  return [...head, ...Array(missing).fill("0"), ...tail]
    .reduce((value, group) => (value << 16n) | BigInt(parseInt(group, 16)), 0n);
}

const MAPPED_V4 = 0xffffn << 32n;

/**
 * The address `text` names, or null when it is not an IP address. `[::1]` brackets and an IPv6
 * zone (`%eth0`) are dropped; `::ffff:10.0.0.1` is read as `10.0.0.1`.
 * @example parseIp("10.0.0.1") // { bits: 32, value: 167772161n }
 */
export function parseIp(text: string): IpAddress | null {
  const trimmed = text.trim().replace(/^\[(.*)\]$/, "$1").replace(/%.*$/, "");
  const v4 = parseIpv4(trimmed);
  if (v4 !== null) return { bits: 32, value: v4 };
  if (!trimmed.includes(":")) return null;
  const v6 = parseIpv6(trimmed);
  if (v6 === null) return null;
  if (v6 >> 32n === MAPPED_V4 >> 32n) return { bits: 32, value: v6 & 0xffffffffn };
  return { bits: 128, value: v6 };
}

/**
 * The range `text` names: `10.0.0.0/8`, `fd00::/8`, or one address (a full-length prefix); null
 * when it is not one.
 */
export function parseIpRange(text: string): IpRange | null {
  const [address, prefixText, ...rest] = text.trim().split("/");
  if (rest.length > 0 || address === undefined) return null;
  const base = parseIp(address);
  if (base === null) return null;
  if (prefixText === undefined) return { base, prefix: base.bits };
  if (!/^\d{1,3}$/.test(prefixText)) return null;
  // a mapped IPv4 range's prefix counts the 96 bits in front of the IPv4 part
  const mapped = base.bits === 32 && address.includes(":");
  const prefix = Number(prefixText) - (mapped ? 96 : 0);
  if (prefix < 0 || prefix > base.bits) return null;
  return { base, prefix };
}

/** True when `address` is inside `range` (of the same family). */
export function inRange(address: IpAddress, range: IpRange): boolean {
  if (address.bits !== range.base.bits) return false;
  const shift = BigInt(address.bits - range.prefix);
  return address.value >> shift === range.base.value >> shift;
}
