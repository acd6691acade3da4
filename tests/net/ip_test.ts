import assert from "node:assert/strict";
import { inRange, parseIp, parseIpRange } from "@/core/net/ip.ts";

Deno.test("parseIp reads IPv4, IPv6 (compressed, bracketed, zoned, IPv4-mapped) and refuses the rest", () => {
  assert.deepEqual(parseIp("10.0.0.1"), { bits: 32, value: 0x0a000001n });
  assert.deepEqual(parseIp("::1"), { bits: 128, value: 1n });
  assert.deepEqual(parseIp("[2001:db8::1]"), { bits: 128, value: (0x20010db8n << 96n) | 1n });
  assert.deepEqual(parseIp("fe80::1%eth0"), { bits: 128, value: (0xfe80n << 112n) | 1n });
  assert.deepEqual(parseIp("::ffff:10.0.0.1"), parseIp("10.0.0.1"));
  for (
    const bad of ["", "10.0.0", "256.0.0.1", "1::2::3", "1:2:3:4:5:6:7:8:9", "host", "01234::"]
  ) {
    assert.equal(parseIp(bad), null, bad);
  }
});

Deno.test("inRange matches a CIDR prefix of the same family only", () => {
  const ten = parseIpRange("10.0.0.0/8")!;
  assert.ok(inRange(parseIp("10.255.1.2")!, ten));
  assert.ok(!inRange(parseIp("11.0.0.1")!, ten));
  assert.ok(!inRange(parseIp("::1")!, ten));
  assert.ok(inRange(parseIp("fd12::3")!, parseIpRange("fd00::/8")!));
  assert.ok(inRange(parseIp("192.0.2.1")!, parseIpRange("192.0.2.1")!));
  assert.ok(!inRange(parseIp("192.0.2.2")!, parseIpRange("192.0.2.1")!));
  assert.ok(inRange(parseIp("10.1.0.1")!, parseIpRange("::ffff:10.0.0.0/104")!));
  assert.equal(parseIpRange("10.0.0.0/33"), null);
  assert.equal(parseIpRange("10.0.0.0/8/1"), null);
});
