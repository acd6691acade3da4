import assert from "node:assert/strict";
import {
  CASH_COLOR,
  HOLDING_COLORS,
  HOLDING_COLORS_GREEN_UP,
  sliceColor,
} from "@/core/web/chart_colors.ts";
import { colorsCookie, colorsOf, withColors } from "@/core/web/colors.ts";

/** `#rrggbb` as its hue in degrees, or null for a grey. */
function hue(hex: string): number | null {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as [
    number,
    number,
    number,
  ];
  const max = Math.max(r, g, b);
  const d = max - Math.min(r, g, b);
  if (d < 0.15) return null;
  const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return (h * 60 + 360) % 360;
}

const isRed = (h: number | null) => h !== null && (h < 15 || h > 345);
const isGreen = (h: number | null) => h !== null && h > 100 && h < 150;
const isPureBlue = (h: number | null) => h !== null && h > 210 && h < 225;

Deno.test("the colour convention is red up unless ?colors= or the cookie says green up", () => {
  assert.equal(colorsOf(new Request("http://x/")), "red-up");
  assert.equal(colorsOf(new Request("http://x/?colors=green-up")), "green-up");
  assert.equal(colorsOf(new Request("http://x/?colors=purple")), "red-up");
  const cookie = new Request("http://x/", { headers: { cookie: "lang=en; colors=green-up" } });
  assert.equal(colorsOf(cookie), "green-up");
  const query = new Request("http://x/?colors=red-up", { headers: { cookie: "colors=green-up" } });
  assert.equal(colorsOf(query), "red-up", "the query wins over the cookie");
  assert.equal(colorsCookie("green-up"), "colors=green-up; Path=/; Max-Age=31536000; SameSite=Lax");
  assert.equal(
    withColors(new URL("http://x/orders?status=open"), "green-up"),
    "/orders?status=open&colors=green-up",
  );
});

Deno.test("the allocation's slices avoid the colours that mean up and down in each convention", () => {
  assert.ok(
    HOLDING_COLORS.every((c) => !isRed(hue(c)) && !isPureBlue(hue(c))),
    "Korean: no red, no blue",
  );
  assert.ok(
    HOLDING_COLORS_GREEN_UP.every((c) => !isRed(hue(c)) && !isGreen(hue(c))),
    "green up: no red, no green",
  );
  assert.equal(sliceColor({ symbol: "005930" }, 0), HOLDING_COLORS[0]);
  assert.equal(sliceColor({ symbol: "005930" }, 0, "green-up"), HOLDING_COLORS_GREEN_UP[0]);
  assert.equal(sliceColor({ symbol: null }, 3, "green-up"), CASH_COLOR);
  assert.equal(sliceColor({ symbol: "005930" }, HOLDING_COLORS.length), HOLDING_COLORS[0]);
});
