import assert from "node:assert/strict";
import { createApiApp } from "@/core/api/app.ts";
import { PROJECT_ROOT } from "../e2e/_app_server.ts";

const read = (path: string) => Deno.readTextFileSync(`${PROJECT_ROOT}/${path}`);

Deno.test("the version /health/live answers is the one written in deno.json", async () => {
  const { version } = JSON.parse(read("deno.json"));
  assert.match(version, /^\d+\.\d+\.\d+$/);
  const res = await createApiApp({ env: () => ({}) }).request("/api/v1/health/live");
  assert.equal((await res.json()).version, version);
});

Deno.test("CHANGELOG.md keeps an Unreleased section first and dated, ordered releases", () => {
  const headings = [...read("CHANGELOG.md").matchAll(/^## \[([^\]]+)\](.*)$/gm)];
  assert.equal(headings[0]?.[1], "Unreleased");
  const released = headings.slice(1).map(([, version, rest]) => {
    assert.match(version!, /^\d+\.\d+\.\d+$/, `${version} is a version`);
    assert.match(rest!, /^ - \d{4}-\d{2}-\d{2}$/, `${version} has a date`);
    return version!.split(".").map(Number);
  });
  for (let i = 1; i < released.length; i++) {
    const [newer, older] = [released[i - 1]!, released[i]!];
    const order = newer.findIndex((part, j) => part !== older[j]);
    assert.ok(order >= 0 && newer[order]! > older[order]!, "newest release first");
  }
  const { version } = JSON.parse(read("deno.json"));
  const [latest] = released;
  if (latest) assert.equal(latest.join("."), version, "deno.json carries the latest release");
});
