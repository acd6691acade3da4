import assert from "node:assert/strict";
import { SimMarket } from "../../core/kis-sim/market.ts";

function hex(buffer: ArrayBuffer): string {
  return [...new Uint8Array(buffer)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

/**
 * SHA-256 of every symbol's tape (times, auction indices, prices, volumes, running aggregates)
 * on each of the first `days` calendar dates from `start`, rolling the market as the demo does;
 * before each roll, `prepare` calls of `prepareNextDay` build that many symbols' next tapes ahead.
 */
async function tapeDigests(
  seed: number,
  start: string,
  days: number,
  prepare = 0,
): Promise<string[]> {
  const market = new SimMarket({ seed, start: new Date(start), historyDays: 60 });
  const digests: string[] = [];
  for (let day = 0; day < days; day++) {
    const parts: ArrayBufferView[] = [];
    for (const symbol of market.symbols) {
      const path = market.path(symbol.code);
      if (!path) continue;
      parts.push(
        path.times,
        Float64Array.of(path.base, path.openingAuction, path.closingAuction),
        path.prices,
        path.volumes,
        ...[path.krx, path.integrated].flatMap((bar) => [
          bar.highs,
          bar.lows,
          bar.cumVolumes,
          bar.cumTurnovers,
        ]),
      );
    }
    const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
    let offset = 0;
    for (const part of parts) {
      bytes.set(new Uint8Array(part.buffer, part.byteOffset, part.byteLength), offset);
      offset += part.byteLength;
    }
    digests.push(`${market.date} ${hex(await crypto.subtle.digest("SHA-256", bytes))}`);
    for (let i = 0; i < prepare; i++) market.prepareNextDay();
    market.rollToNextDay();
  }
  return digests;
}

/** Each case's digests, recorded from the simulator before the cheap build (`0965f32`). */
const RECORDED: Record<string, string[]> = {
  "1 2026-11-02T00:00:00Z 4": [
    "2026-11-02 33d968dcd9bc421d4c71133b8fad2ea14e0c1f896da22cd2f0447036706a8b7d",
    "2026-11-03 5b1f4232b1d38b1991ec83ca9402d40b0833402ff4f1a0d44cd990c3d37512b1",
    "2026-11-04 d481d7525c96ca327fdde00d6bee66fc9a721d60ea91dee7a762e3054f08b1fb",
    "2026-11-05 e9747f3e00782442ced5865eee39c6df5aa1c4a747cc58ecdc3d732f6d1e9a83",
  ],
  // the year's first trading day opens at 10:00; the holiday and the weekend have no tape
  "42 2026-01-01T00:00:00Z 5": [
    "2026-01-01 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "2026-01-02 7507a174bff0f1613c66c5ae3f3f7e376fc122f23743ac327186d2017f5d884c",
    "2026-01-03 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "2026-01-04 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "2026-01-05 ecde78b0d7729f849bc693ba5b3dad1f48cb17f73a5e2a248860d11e55da76e6",
  ],
  // 2025-11-13 is the exam day: no pre-market, KRX 10:00–16:30
  "7 2025-11-12T00:00:00Z 3": [
    "2025-11-12 b922854c784c37a88a9d8b4c4c0cbaa3331bda6a6148cf2ee2a64febb9f3fc58",
    "2025-11-13 53087f201fd2f04828bdf5108ed0892093a0b75664427030da79a2426050c45e",
    "2025-11-14 bebd5c68db2370bb862f1cd5bd7fbb780f41ff815bb33bfadead4c2959ee51d4",
  ],
};

Deno.test("seeded tapes are byte for byte the ones recorded before the tape build was made cheap", async () => {
  for (const [key, digests] of Object.entries(RECORDED)) {
    const [seed, start, days] = key.split(" ");
    assert.deepEqual(await tapeDigests(Number(seed), start!, Number(days)), digests, key);
  }
});

Deno.test("tapes built ahead of the day, for some symbols or all, are the ones the roll builds", async () => {
  for (const prepare of [1, 7, 15]) {
    for (const [key, digests] of Object.entries(RECORDED)) {
      const [seed, start, days] = key.split(" ");
      const built = await tapeDigests(Number(seed), start!, Number(days), prepare);
      assert.deepEqual(built, digests, `${key}, ${prepare} built ahead`);
    }
  }
});

Deno.test("building ahead does one symbol a call until all are built, and again after the roll", () => {
  const market = new SimMarket({
    seed: 3,
    start: new Date("2026-11-02T00:00:00Z"),
    historyDays: 5,
  });
  const today = market.path("005930");
  const calls = () => {
    let built = 0;
    while (market.prepareNextDay()) built++;
    return built;
  };
  assert.equal(calls(), market.symbols.length);
  assert.equal(market.path("005930"), today, "today's tape stays");
  market.rollToNextDay();
  assert.equal(market.path("005930")?.date, "2026-11-03");
  assert.equal(calls(), market.symbols.length);
});
