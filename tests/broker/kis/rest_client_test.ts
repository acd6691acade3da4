import assert from "node:assert/strict";
import { SteppedClock } from "../../_support/clocks.ts";
import {
  type Clock,
  KisError,
  KisRestClient,
  RateBudget,
  TokenManager,
} from "../../../core/broker/kis/mod.ts";

const credentials = { appKey: "PSrestTestKey", appSecret: "secret" };

function expiryKst(): string {
  const shifted = new Date(Date.now() + 33 * 3_600_000).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 19)}`;
}

/**
 * A loopback KIS peer: issues numbered tokens and answers the test path with `answer`, which
 * receives the request and the number of data calls so far.
 */
function peer(answer: (request: Request, call: number) => Response | Promise<Response>) {
  let tokens = 0;
  let calls = 0;
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (request) => {
    if (new URL(request.url).pathname === "/oauth2/tokenP") {
      tokens++;
      return Response.json({
        access_token: `token-${tokens}`,
        token_type: "Bearer",
        expires_in: 86400,
        access_token_token_expired: expiryKst(),
      });
    }
    calls++;
    return answer(request, calls);
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    tokensIssued: () => tokens,
    calls: () => calls,
    close: () => server.shutdown(),
  };
}

function client(kv: Deno.Kv, url: string, clock: Clock): KisRestClient {
  return new KisRestClient({
    restUrl: url,
    credentials,
    clock,
    budget: new RateBudget(kv, credentials.appKey, { perSecond: 1000, clock }),
    tokens: new TokenManager({ kv, restUrl: url, credentials, clock, minIssueIntervalMs: 0 }),
  });
}

const ok = (output: unknown, headers: HeadersInit = {}) =>
  Response.json({
    rt_cd: "0",
    msg_cd: "MCA00000",
    msg1: "정상처리 되었습니다.",
    ...output as object,
  }, {
    headers,
  });

Deno.test("EGW00201 as HTTP 500 is retried with growing backoff and never reaches the caller", async () => {
  using kv = await Deno.openKv(":memory:");
  const server = peer((_request, call) =>
    call <= 3
      ? Response.json({ rt_cd: "1", msg_cd: "EGW00201", msg1: "초당 거래건수를 초과하였습니다." }, {
        status: 500,
      })
      : ok({ output: { value: "42" } })
  );
  try {
    const clock = new SteppedClock(Date.now());
    const rest = client(kv, server.url, clock);
    const reply = await rest.send({ method: "GET", path: "/x", trId: "FHKST01010100", fields: {} });
    assert.deepEqual(reply.envelope.output, { value: "42" });
    assert.equal(server.calls(), 4);
    assert.deepEqual(clock.slept, [200, 400, 800]);
  } finally {
    await server.close();
  }
});

Deno.test("EGW00123 refreshes the token once and retries with the new one", async () => {
  using kv = await Deno.openKv(":memory:");
  const seen: string[] = [];
  const server = peer((request, call) => {
    seen.push(request.headers.get("authorization") ?? "");
    return call === 1
      ? Response.json({ rt_cd: "1", msg_cd: "EGW00123", msg1: "기간이 만료된 token 입니다." }, {
        status: 500,
      })
      : ok({ output: {} });
  });
  try {
    const rest = client(kv, server.url, new SteppedClock(Date.now()));
    await rest.send({ method: "GET", path: "/x", trId: "FHKST01010100", fields: {} });
    assert.deepEqual(seen, ["Bearer token-1", "Bearer token-2"]);
    assert.equal(server.tokensIssued(), 2);
  } finally {
    await server.close();
  }
});

Deno.test("a token refused twice in a row surfaces as an auth KisError", async () => {
  using kv = await Deno.openKv(":memory:");
  const server = peer(() =>
    Response.json({ rt_cd: "1", msg_cd: "EGW00121", msg1: "유효하지 않은 token 입니다." }, {
      status: 500,
    })
  );
  try {
    const rest = client(kv, server.url, new SteppedClock(Date.now()));
    const error = await rest.send({ method: "GET", path: "/x", trId: "T1", fields: {} })
      .catch((e) => e);
    assert.ok(error instanceof KisError);
    assert.equal(error.category, "auth");
    assert.equal(error.msgCd, "EGW00121");
    assert.equal(server.calls(), 2);
  } finally {
    await server.close();
  }
});

Deno.test("a business refusal with HTTP 200 and rt_cd 1 is a typed error, not a success", async () => {
  using kv = await Deno.openKv(":memory:");
  const server = peer(() =>
    Response.json({ rt_cd: "1", msg_cd: "APBK0952", msg1: "주문가능금액을 초과 했습니다" })
  );
  try {
    const rest = client(kv, server.url, new SteppedClock(Date.now()));
    const error = await rest.send({ method: "POST", path: "/o", trId: "TTTC0012U", fields: {} })
      .catch((e) => e);
    assert.ok(error instanceof KisError);
    assert.equal(error.category, "insufficient_cash");
    assert.equal(error.httpStatus, 200);
    assert.equal(server.calls(), 1);
  } finally {
    await server.close();
  }
});

Deno.test("an order is not resent after a server error without a KIS envelope", async () => {
  using kv = await Deno.openKv(":memory:");
  const server = peer(() => new Response("gateway down", { status: 502 }));
  try {
    const rest = client(kv, server.url, new SteppedClock(Date.now()));
    const error = await rest.send({ method: "POST", path: "/o", trId: "TTTC0012U", fields: {} })
      .catch((e) => e);
    assert.equal(error.category, "server");
    assert.equal(server.calls(), 1);
  } finally {
    await server.close();
  }
});

Deno.test("requests carry KIS headers, GET fields as query and POST fields as a JSON body", async () => {
  using kv = await Deno.openKv(":memory:");
  const requests: { url: URL; headers: Headers; body: string }[] = [];
  const server = peer(async (request) => {
    requests.push({
      url: new URL(request.url),
      headers: request.headers,
      body: await request.text(),
    });
    return ok({ output: {} });
  });
  try {
    const rest = client(kv, server.url, new SteppedClock(Date.now()));
    await rest.send({
      method: "GET",
      path: "/q",
      trId: "FHKST01010100",
      fields: { FID_INPUT_ISCD: "005930" },
    });
    await rest.send({ method: "POST", path: "/p", trId: "TTTC0012U", fields: { ORD_QTY: "1" } });
    const [get, post] = requests;
    assert.equal(get!.url.searchParams.get("FID_INPUT_ISCD"), "005930");
    assert.equal(get!.headers.get("tr_id"), "FHKST01010100");
    assert.equal(get!.headers.get("appkey"), credentials.appKey);
    assert.equal(get!.headers.get("appsecret"), credentials.appSecret);
    assert.equal(get!.headers.get("custtype"), "P");
    assert.equal(get!.headers.get("authorization"), "Bearer token-1");
    assert.deepEqual(JSON.parse(post!.body), { ORD_QTY: "1" });
  } finally {
    await server.close();
  }
});

Deno.test("paging follows tr_cont F/M with CTX_AREA echoed and stops at D", async () => {
  using kv = await Deno.openKv(":memory:");
  const seen: { trCont: string; fk: string; nk: string }[] = [];
  const server = peer((request, call) => {
    const url = new URL(request.url);
    seen.push({
      trCont: request.headers.get("tr_cont") ?? "",
      fk: url.searchParams.get("CTX_AREA_FK100") ?? "",
      nk: url.searchParams.get("CTX_AREA_NK100") ?? "",
    });
    const last = call === 3;
    return ok({
      output1: [{ page: String(call) }],
      ctx_area_fk100: `fk${call}   `,
      ctx_area_nk100: `nk${call}   `,
    }, { tr_cont: last ? "D" : call === 1 ? "F" : "M" });
  });
  try {
    const rest = client(kv, server.url, new SteppedClock(Date.now()));
    const pages = await rest.sendPaged({ path: "/b", trId: "TTTC8434R", fields: { CANO: "1" } });
    assert.deepEqual(pages.map((p) => p.output1), [[{ page: "1" }], [{ page: "2" }], [{
      page: "3",
    }]]);
    assert.deepEqual(seen, [
      { trCont: "", fk: "", nk: "" },
      { trCont: "N", fk: "fk1   ", nk: "nk1   " },
      { trCont: "N", fk: "fk2   ", nk: "nk2   " },
    ]);
  } finally {
    await server.close();
  }
});

Deno.test("a stale paging cursor restarts from the first page once", async () => {
  using kv = await Deno.openKv(":memory:");
  const server = peer((_request, call) => {
    if (call === 2) {
      return Response.json({
        rt_cd: "1",
        msg_cd: "",
        msg1: "조회이후에 자료가 변경되었습니다.(다시 조회하세요)",
      });
    }
    return ok({ output1: [{ call: String(call) }] }, {
      tr_cont: call === 1 ? "F" : call === 3 ? "F" : "D",
    });
  });
  try {
    const rest = client(kv, server.url, new SteppedClock(Date.now()));
    const pages = await rest.sendPaged({ path: "/b", trId: "TTTC0081R", fields: {} });
    assert.deepEqual(pages.map((p) => p.output1), [[{ call: "3" }], [{ call: "4" }]]);
  } finally {
    await server.close();
  }
});
