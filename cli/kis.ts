// deno-lint-ignore-file no-console
/**
 * `deno task kis <command>`: talk to KIS (real, VTS) or the simulator from the shell.
 * Keys, account and URLs come from the environment; secrets are never printed.
 */
import { z } from "zod";
import { BrokerError, type StreamEvent } from "../core/broker/mod.ts";
import { KIS_ENVS, KisBroker, KisError, TokenManager } from "../core/broker/kis/mod.ts";
import { type IsoDate, parseIsoDate, parseSymbolCode, seoulDate } from "../core/krx/mod.ts";

const USAGE = `usage: deno task kis <command> [--json]
  token                                     obtain (or reuse) the shared access token
  price <code>                              current price
  chart <code> --from YYYY-MM-DD --to YYYY-MM-DD [--period day|week|month|year]
  balance                                   holdings and account totals
  buyable <code> <price>                    cash and quantity available for a buy
  order buy|sell <code> <qty> (--limit <price> | --market)
  cancel <odno>                             cancel what is open of one of today's orders
  fills [--from YYYY-MM-DD --to YYYY-MM-DD] orders and fills (default today)
  stream <code>...                          realtime trades (and order notices with KIS_HTS_ID)

environment: KIS_APP_KEY, KIS_APP_SECRET, KIS_ACCOUNT (12345678-01), KIS_ENV (real|vts, default vts),
  KIS_HTS_ID, KIS_REST_URL, KIS_WS_URL (e.g. the simulator), KV_PATH (default ./data/kis.kv),
  KIS_LIVE_TRADING=1 to let orders reach a real account (KIS_ENV=real on KIS's own host)`;

const envSchema = z.object({
  KIS_APP_KEY: z.string({ error: "KIS_APP_KEY is not set" }).min(1, "KIS_APP_KEY is empty"),
  KIS_APP_SECRET: z.string({ error: "KIS_APP_SECRET is not set" }).min(
    1,
    "KIS_APP_SECRET is empty",
  ),
  KIS_ACCOUNT: z.string({ error: "KIS_ACCOUNT is not set" })
    .regex(/^\d{8}-\d{2}$/, "KIS_ACCOUNT must look like 12345678-01"),
  KIS_ENV: z.enum(["real", "vts"], { error: "KIS_ENV must be real or vts" }).default("vts"),
  KIS_HTS_ID: z.string().min(1).optional(),
  KIS_REST_URL: z.url({ error: "KIS_REST_URL must be a URL" }).optional(),
  KIS_WS_URL: z.url({ error: "KIS_WS_URL must be a URL" }).optional(),
  KV_PATH: z.string().min(1).default("./data/kis.kv"),
  KIS_LIVE_TRADING: z.enum(["0", "1"], { error: "KIS_LIVE_TRADING must be 0 or 1" }).default("0"),
});

type CliEnv = z.infer<typeof envSchema>;

interface Args {
  readonly positional: string[];
  readonly flags: Map<string, string | true>;
}

function parseArgs(argv: readonly string[]): Args {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const name = arg.slice(2);
    const next = argv[i + 1];
    if (["json", "market"].includes(name) || next === undefined || next.startsWith("--")) {
      flags.set(name, true);
    } else {
      flags.set(name, next);
      i++;
    }
  }
  return { positional, flags };
}

class UsageError extends Error {}

function flagValue(args: Args, name: string): string | undefined {
  const value = args.flags.get(name);
  if (value === true) throw new UsageError(`--${name} needs a value`);
  return value;
}

function need(value: string | undefined, what: string): string {
  if (value === undefined) throw new UsageError(`missing ${what}`);
  return value;
}

function integerArg(text: string, what: string): number {
  const value = Number(text.replaceAll(",", ""));
  if (!Number.isInteger(value) || value <= 0) {
    throw new UsageError(`${what} must be a positive whole number, got "${text}"`);
  }
  return value;
}

const won = (value: number) => value.toLocaleString("en-US");

function table(
  headers: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): string {
  const cells = rows.map((row) => row.map((cell) => typeof cell === "number" ? won(cell) : cell));
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...cells.map((row) => (row[column] ?? "").length))
  );
  const line = (row: readonly string[]) =>
    row.map((cell, column) =>
      /^-?[\d,.]+%?$/.test(cell) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)
    ).join("  ").trimEnd();
  return [line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...cells.map(line)].join(
    "\n",
  );
}

function print(json: boolean, data: unknown, render: () => string): void {
  console.log(json ? JSON.stringify(data, null, 2) : render());
}

function todayKst(): IsoDate {
  return seoulDate(Date.now());
}

function streamLine(event: StreamEvent): string {
  switch (event.type) {
    case "trade":
      return `${event.time} ${event.symbol} trade ${won(event.price)} x ${won(event.quantity)} ` +
        `(${event.change >= 0 ? "+" : ""}${won(event.change)}, vol ${won(event.cumulativeVolume)})`;
    case "orderbook":
      return `${event.time} ${event.symbol} book ask ${won(event.asks[0]?.price ?? 0)} / ` +
        `bid ${won(event.bids[0]?.price ?? 0)}`;
    case "order_notice":
      return `${event.time} ${event.symbol} ${event.event} ${event.side} order ${event.orderNo}: ` +
        `${won(event.quantity)} @ ${won(event.price)}`;
  }
}

async function run(env: CliEnv, args: Args): Promise<void> {
  const json = args.flags.has("json");
  const [command, ...rest] = args.positional;
  await Deno.mkdir(new URL(".", new URL(env.KV_PATH, `file://${Deno.cwd()}/`)), {
    recursive: true,
  });
  using kv = await Deno.openKv(env.KV_PATH);
  const credentials = { appKey: env.KIS_APP_KEY, appSecret: env.KIS_APP_SECRET };
  const restUrl = env.KIS_REST_URL ?? KIS_ENVS[env.KIS_ENV].restUrl;
  const broker = new KisBroker({
    env: env.KIS_ENV,
    credentials,
    account: env.KIS_ACCOUNT,
    htsId: env.KIS_HTS_ID,
    kv,
    restUrl,
    wsUrl: env.KIS_WS_URL,
    liveTrading: env.KIS_LIVE_TRADING === "1",
  });
  try {
    switch (command) {
      case "token": {
        await new TokenManager({ kv, restUrl, credentials }).get();
        print(
          json,
          { ok: true, env: env.KIS_ENV, restUrl },
          () =>
            `access token ready for ${env.KIS_ENV} at ${restUrl} (cached in ${env.KV_PATH}, shared by every process)`,
        );
        return;
      }
      case "price": {
        const quote = await broker.getQuote(parseSymbolCode(need(rest[0], "<code>")));
        print(
          json,
          quote,
          () =>
            table(["symbol", "price", "change", "rate %", "open", "high", "low", "volume"], [[
              quote.symbol,
              quote.price,
              quote.change,
              quote.changeRate.toFixed(2),
              quote.open,
              quote.high,
              quote.low,
              quote.volume,
            ]]),
        );
        return;
      }
      case "chart": {
        const symbol = parseSymbolCode(need(rest[0], "<code>"));
        const period = z.enum(["day", "week", "month", "year"], {
          error: "--period must be day, week, month or year",
        }).parse(flagValue(args, "period") ?? "day");
        const bars = await broker.getDailyBars(symbol, {
          from: parseIsoDate(need(flagValue(args, "from"), "--from")),
          to: parseIsoDate(need(flagValue(args, "to"), "--to")),
          period,
        });
        print(json, bars, () =>
          table(
            ["date", "open", "high", "low", "close", "volume"],
            bars.map((b) => [b.date, b.open, b.high, b.low, b.close, b.volume]),
          ));
        return;
      }
      case "balance": {
        const balance = await broker.getBalance();
        const s = balance.summary;
        print(json, balance, () =>
          [
            table(
              ["symbol", "name", "qty", "orderable", "avg price", "price", "value", "P/L"],
              balance.holdings.map((h) => [
                h.symbol,
                h.name,
                h.quantity,
                h.orderableQuantity,
                h.averagePrice.toFixed(0),
                h.price,
                h.evaluationAmount,
                h.profitLoss,
              ]),
            ),
            "",
            table(["deposit", "D+2 cash", "securities", "total", "P/L"], [[
              s.deposit,
              s.settledCashD2,
              s.securitiesValue,
              s.totalValue,
              s.profitLoss,
            ]]),
          ].join("\n"));
        return;
      }
      case "buyable": {
        const symbol = parseSymbolCode(need(rest[0], "<code>"));
        const buyable = await broker.getBuyable(
          symbol,
          integerArg(need(rest[1], "<price>"), "price"),
        );
        print(
          json,
          buyable,
          () =>
            table(["symbol", "cash", "max amount", "max qty", "unit price"], [[
              buyable.symbol,
              buyable.cash,
              buyable.maxAmount,
              buyable.maxQuantity,
              buyable.unitPrice,
            ]]),
        );
        return;
      }
      case "order": {
        const side = z.enum(["buy", "sell"], { error: "order side must be buy or sell" })
          .parse(rest[0]);
        const symbol = parseSymbolCode(need(rest[1], "<code>"));
        const quantity = integerArg(need(rest[2], "<qty>"), "quantity");
        const limit = flagValue(args, "limit");
        const market = args.flags.has("market");
        if ((limit === undefined) === !market) {
          throw new UsageError("give exactly one of --limit <price> or --market");
        }
        const ack = await broker.placeOrder(
          limit === undefined
            ? { type: "market", side, symbol, quantity }
            : { type: "limit", side, symbol, quantity, price: integerArg(limit, "limit price") },
        );
        print(
          json,
          ack,
          () => `order ${ack.orderNo} accepted at ${ack.acceptedAt} (branch ${ack.branchNo})`,
        );
        return;
      }
      case "cancel": {
        const orderNo = need(rest[0], "<odno>");
        const today = todayKst();
        const order = (await broker.getOrders({ from: today, to: today }))
          .find((o) => o.orderNo === orderNo || Number(o.orderNo) === Number(orderNo));
        if (!order) throw new UsageError(`no order ${orderNo} today`);
        const ack = await broker.cancelOrder(order);
        print(json, ack, () => `cancel ${ack.orderNo} accepted for order ${order.orderNo}`);
        return;
      }
      case "fills": {
        const today = todayKst();
        const from = flagValue(args, "from");
        const to = flagValue(args, "to");
        const orders = await broker.getOrders({
          from: from ? parseIsoDate(from) : today,
          to: to ? parseIsoDate(to) : today,
        });
        print(json, orders, () =>
          table(
            [
              "date",
              "time",
              "order",
              "symbol",
              "side",
              "type",
              "qty",
              "price",
              "filled",
              "avg",
              "state",
            ],
            orders.map((o) => [
              o.date,
              o.time,
              o.orderNo,
              o.symbol,
              o.side,
              o.type,
              o.quantity,
              o.price,
              o.filledQuantity,
              o.averageFillPrice.toFixed(0),
              o.state.status,
            ]),
          ));
        return;
      }
      case "stream": {
        if (rest.length === 0) throw new UsageError("missing <code>...");
        const stream = await broker.stream({
          trades: rest.map(parseSymbolCode),
          orderNotices: env.KIS_HTS_ID !== undefined,
        });
        let interrupted = false;
        const stop = () => {
          interrupted = true;
          void stream.close();
        };
        Deno.addSignalListener("SIGINT", stop);
        try {
          for await (const event of stream) {
            console.log(json ? JSON.stringify(event) : streamLine(event));
          }
        } finally {
          // the one close in flight: the socket and the KV store stay open until it has finished
          await stream.close();
          Deno.removeSignalListener("SIGINT", stop);
        }
        if (interrupted) console.error("kis: stream stopped");
        return;
      }
      default:
        throw new UsageError(command ? `unknown command "${command}"` : "missing command");
    }
  } finally {
    await broker.close();
  }
}

if (import.meta.main) {
  const args = parseArgs(Deno.args);
  if (args.flags.has("help") || args.positional.length === 0) {
    console.log(USAGE);
    Deno.exit(args.positional.length === 0 && !args.flags.has("help") ? 2 : 0);
  }
  const env = envSchema.safeParse(Deno.env.toObject());
  if (!env.success) {
    console.error(`kis: ${env.error.issues.map((issue) => issue.message).join("; ")}`);
    Deno.exit(2);
  }
  try {
    await run(env.data, args);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`kis: ${error.message}\n\n${USAGE}`);
      Deno.exit(2);
    }
    if (error instanceof KisError) {
      console.error(`kis: ${error.category}: [${error.msgCd}] ${error.msg1} (${error.trId})`);
    } else if (error instanceof BrokerError || error instanceof RangeError) {
      console.error(`kis: ${error.message}`);
    } else if (error instanceof z.ZodError) {
      console.error(`kis: ${error.issues.map((issue) => issue.message).join("; ")}`);
    } else {
      throw error;
    }
    Deno.exit(1);
  }
}
