import assert from "node:assert/strict";
import { paginate } from "../../core/kis-sim/paging.ts";

const rows = Array.from({ length: 23 }, (_, i) => i);
const first = { trCont: "", fk100: "", nk100: "" };

Deno.test("pages follow tr_cont F → M → D with the context echoed back", () => {
  const pages: number[][] = [];
  const conts: string[] = [];
  let request = first;
  for (;;) {
    const page = paginate(rows, 10, request, "q1");
    assert.notEqual(page, "stale");
    if (page === "stale") return;
    pages.push(page.rows);
    conts.push(page.trCont);
    if (page.trCont === "D") break;
    assert.equal(page.fk100.length, 100);
    request = { trCont: "N", fk100: page.fk100, nk100: page.nk100 };
  }
  assert.deepEqual(conts, ["F", "M", "D"]);
  assert.deepEqual(pages.flat(), rows);
});

Deno.test("without tr_cont N the first page comes back again (KIS mistake #8)", () => {
  const page = paginate(rows, 10, first, "q1");
  assert.ok(page !== "stale");
  const again = paginate(rows, 10, { trCont: "", fk100: page.fk100, nk100: page.nk100 }, "q1");
  assert.ok(again !== "stale");
  assert.deepEqual(again.rows, rows.slice(0, 10));
});

Deno.test("a continuation whose query or data changed is stale", () => {
  const page = paginate(rows, 10, first, "q1");
  assert.ok(page !== "stale");
  assert.equal(
    paginate(rows, 10, { trCont: "N", fk100: page.fk100, nk100: page.nk100 }, "q2"),
    "stale",
  );
});

Deno.test("a single page ends with D and an empty next context", () => {
  const page = paginate([1, 2], 10, first, "q");
  assert.ok(page !== "stale");
  assert.equal(page.trCont, "D");
  assert.equal(page.nk100.trim(), "");
});
