import assert from "node:assert/strict";
import { clientIpOf } from "@/core/api/client_ip.ts";
import { parseTrustProxyEnv } from "@/core/config/trust_proxy.ts";

const trust = (value: string) => parseTrustProxyEnv({ TRUST_PROXY: value });

Deno.test("clientIpOf: off and untrusted peers ignore X-Forwarded-For", () => {
  assert.equal(clientIpOf("10.0.0.5", "203.0.113.1", trust("")), "10.0.0.5");
  assert.equal(clientIpOf("198.51.100.9", "203.0.113.1", trust("10.0.0.0/8")), "198.51.100.9");
  assert.equal(clientIpOf("10.0.0.5", null, trust("1")), "10.0.0.5");
});

Deno.test("clientIpOf: a hop count takes the hop that many proxies in; a list skips every trusted hop", () => {
  const xff = "6.6.6.6, 203.0.113.1, 10.0.0.4";
  assert.equal(clientIpOf("10.0.0.5", xff, trust("1")), "10.0.0.4");
  assert.equal(clientIpOf("10.0.0.5", xff, trust("2")), "203.0.113.1");
  assert.equal(clientIpOf("10.0.0.5", "203.0.113.1", trust("5")), "203.0.113.1");
  assert.equal(clientIpOf("10.0.0.5", xff, trust("10.0.0.0/8")), "203.0.113.1");
  assert.equal(clientIpOf("::ffff:10.0.0.5", xff, trust("10.0.0.5,10.0.0.4")), "203.0.113.1");
  assert.equal(clientIpOf("fd00::1", "2001:db8::7", trust("fd00::/8")), "2001:db8::7");
  // a hop that is no address ends the walk at the proxy that forwarded it
  assert.equal(clientIpOf("10.0.0.5", "not-an-ip", trust("10.0.0.0/8")), "10.0.0.5");
});

Deno.test("TRUST_PROXY: off by default; a bad value is refused naming the variable, not quoting it", () => {
  assert.deepEqual(parseTrustProxyEnv({}), { kind: "off" });
  assert.deepEqual(parseTrustProxyEnv({ TRUST_PROXY: "off" }), { kind: "off" });
  assert.deepEqual(parseTrustProxyEnv({ TRUST_PROXY: "2" }), { kind: "hops", hops: 2 });
  for (const bad of ["11", "10.0.0.0/33", "proxy.example", "10.0.0.1,,"]) {
    assert.throws(() => parseTrustProxyEnv({ TRUST_PROXY: bad }), (error: Error) => {
      assert.match(error.message, /TRUST_PROXY must be/);
      assert.ok(!error.message.includes(bad));
      return true;
    });
  }
});
