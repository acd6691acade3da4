// deno-lint-ignore-file no-console
/**
 * `deno task kis <command>`: talk to KIS (real, VTS) or the simulator from the shell.
 * Keys, account and URLs come from the environment; secrets are never printed.
 * @module
 */
import { z } from "zod";
import {
  BrokerError,
  type OrderRecord,
  type QuoteSource,
  type StreamEvent,
} from "../core/broker/mod.ts";
import { KIS_ENVS, KisBroker, KisError, TokenManager } from "../core/broker/kis/mod.ts";
import { variablesOf } from "../core/config/section.ts";
import {
  KIS_KEY_NAMES,
  kisAccountOptions,
  type KisSettings,
  parseRuntimeEnv,
  type RuntimeEnv,
  runtimeEnvSchema,
} from "../core/runtime/env.ts";
import { DEFAULT_KV_PATH, openStore, type Store } from "../core/store/mod.ts";
import {
  type IsoDate,
  parseIsoDate,
  parseSymbolCode,
  seoulDate,
  type SymbolCode,
} from "../core/krx/mod.ts";
import {
  type Command,
  commandList,
  defineCommand,
  prepareCommand,
  runCli,
  UsageError,
} from "./_args.ts";
import { type Cell, formatNumber, table } from "./_table.ts";

/** Where orders go: KRX, Nextrade (NXT) or KIS's smart order routing (SOR). */
function routeSchema(name: string) {
  return z.enum(["KRX", "NXT", "SOR"], { error: `${name} must be KRX, NXT or SOR` });
}

/** Whose prices a quote or stream shows. */
const quoteSourceSchema = z.enum(["KRX", "NXT", "integrated"], {
  error: "--source must be KRX, NXT or integrated",
});

/** `--source` of the price and stream commands, default KRX's prices. */
const SOURCE_OPTION = { source: { type: "string" } } as const;

function parseArg<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new UsageError(parsed.error.issues[0]!.message);
  return parsed.data;
}

/** The KIS account and the store holding its shared token, as the app reads them (core/runtime/env.ts). */
interface CliEnv {
  readonly kis: KisSettings;
  readonly kvPath: string;
}

/** What every command runs with. */
interface Session {
  readonly env: CliEnv;
  readonly kv: Deno.Kv;
  readonly broker: KisBroker;
  readonly restUrl: string;
}

const JSON_OPTION = { json: { type: "boolean" } } as const;
const DATE_RANGE = { from: { type: "string" }, to: { type: "string" } } as const;

function symbolArg(text: string): SymbolCode {
  try {
    return parseSymbolCode(text);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function dateArg(text: string, flag: string): IsoDate {
  try {
    return parseIsoDate(text);
  } catch (error) {
    throw new UsageError(`${flag}: ${(error as Error).message}`);
  }
}

function integerArg(text: string, what: string): number {
  const value = Number(text.replaceAll(",", ""));
  if (!Number.isInteger(value) || value <= 0) {
    throw new UsageError(`${what} must be a positive whole number, got "${text}"`);
  }
  return value;
}

function print(asJson: boolean | undefined, data: unknown, render: () => string): void {
  console.log(asJson ? JSON.stringify(data, null, 2) : render());
}

/** A price with separators; fractional averages keep two decimals. */
const price = (value: number) => formatNumber(value, 2);

function streamLine(event: StreamEvent): string {
  const won = formatNumber;
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

/** What a journal row is: a new order, or a revision or cancel of an earlier one. */
function orderAction(order: OrderRecord): string {
  if (order.originalOrderNo === "" || /^0*$/.test(order.originalOrderNo)) return "new";
  // A cancel row is closed the moment it is accepted; a revision stays open until it trades.
  const verb = order.state.status === "cancelled" && order.filledQuantity === 0
    ? "cancel"
    : "revise";
  return `${verb} of ${order.originalOrderNo}`;
}

const COMMANDS: Record<string, Command<Session>> = {
  token: defineCommand({
    synopsis: "token",
    summary: "obtain (or reuse) the shared access token",
    options: JSON_OPTION,
    prepare: ({ values }) => async ({ env, kv, restUrl }) => {
      const { credentials, env: kisEnv } = kisAccountOptions(env.kis);
      await new TokenManager({ kv, restUrl, credentials }).get();
      print(
        values.json,
        { ok: true, env: kisEnv, restUrl },
        () =>
          `access token ready for ${kisEnv} at ${restUrl} (cached in ${env.kvPath}, shared by every process)`,
      );
    },
  }),
  price: defineCommand({
    synopsis: "price <code> [--source KRX|NXT|integrated]",
    summary: "current price",
    options: { ...JSON_OPTION, ...SOURCE_OPTION },
    positionals: { required: ["<code>"] },
    prepare: ({ values, positionals }) => {
      const symbol = symbolArg(positionals[0]!);
      const source = parseArg(quoteSourceSchema.default("KRX"), values.source);
      return async ({ broker }) => {
        const quote = await broker.getQuote(symbol, source);
        print(
          values.json,
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
      };
    },
  }),
  chart: defineCommand({
    synopsis: "chart <code> --from <date> --to <date> [--period <p>]",
    summary: "bars by day (default), week, month or year",
    options: { ...JSON_OPTION, ...DATE_RANGE, period: { type: "string", default: "day" } },
    positionals: { required: ["<code>"] },
    prepare: ({ values, positionals }) => {
      const symbol = symbolArg(positionals[0]!);
      const period = z.enum(["day", "week", "month", "year"]).safeParse(values.period);
      if (!period.success) throw new UsageError("--period must be day, week, month or year");
      if (values.from === undefined) throw new UsageError("missing --from");
      if (values.to === undefined) throw new UsageError("missing --to");
      const range = { from: dateArg(values.from, "--from"), to: dateArg(values.to, "--to") };
      return async ({ broker }) => {
        const bars = await broker.getDailyBars(symbol, { ...range, period: period.data });
        print(values.json, bars, () =>
          table(
            ["date", "open", "high", "low", "close", "volume"],
            bars.map((b) => [b.date, b.open, b.high, b.low, b.close, b.volume]),
          ));
      };
    },
  }),
  balance: defineCommand({
    synopsis: "balance",
    summary: "holdings and account totals",
    options: JSON_OPTION,
    prepare: ({ values }) => async ({ broker }) => {
      const balance = await broker.getBalance();
      const s = balance.summary;
      print(values.json, balance, () =>
        [
          table(
            ["symbol", "name", "qty", "orderable", "avg price", "price", "value", "P/L"],
            balance.holdings.map((h) => [
              h.symbol,
              h.name,
              h.quantity,
              h.orderableQuantity,
              price(h.averagePrice),
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
    },
  }),
  buyable: defineCommand({
    synopsis: "buyable <code> <price>",
    summary: "cash and quantity available for a buy",
    options: JSON_OPTION,
    positionals: { required: ["<code>", "<price>"] },
    prepare: ({ values, positionals }) => {
      const symbol = symbolArg(positionals[0]!);
      const unitPrice = integerArg(positionals[1]!, "price");
      return async ({ broker }) => {
        const buyable = await broker.getBuyable(symbol, unitPrice);
        print(
          values.json,
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
      };
    },
  }),
  order: defineCommand({
    synopsis: "order buy|sell <code> <qty> --limit <price>|--market [--route KRX|NXT|SOR]",
    summary: "place a cash order",
    options: {
      ...JSON_OPTION,
      limit: { type: "string" },
      market: { type: "boolean" },
      route: { type: "string" },
    },
    positionals: { required: ["buy or sell", "<code>", "<qty>"] },
    prepare: ({ values, positionals }) => {
      const side = z.enum(["buy", "sell"]).safeParse(positionals[0]);
      if (!side.success) throw new UsageError("the order side must be buy or sell");
      const symbol = symbolArg(positionals[1]!);
      const quantity = integerArg(positionals[2]!, "quantity");
      if ((values.limit === undefined) === !values.market) {
        throw new UsageError("give exactly one of --limit <price> or --market");
      }
      const route = parseArg(routeSchema("--route").optional(), values.route);
      const request = values.limit === undefined
        ? { type: "market" as const, side: side.data, symbol, quantity, route }
        : {
          type: "limit" as const,
          side: side.data,
          symbol,
          quantity,
          price: integerArg(values.limit, "limit price"),
          route,
        };
      return async ({ broker }) => {
        const ack = await broker.placeOrder(request);
        print(
          values.json,
          ack,
          () =>
            `order ${ack.orderNo} accepted at ${ack.acceptedAt} via ${ack.route} (branch ${ack.branchNo})`,
        );
      };
    },
  }),
  cancel: defineCommand({
    synopsis: "cancel <odno>",
    summary: "cancel what is open of one of today's orders",
    options: JSON_OPTION,
    positionals: { required: ["<odno>"] },
    prepare: ({ values, positionals }) => {
      const orderNo = positionals[0]!;
      if (!/^\d{1,10}$/.test(orderNo)) {
        throw new UsageError(`<odno> must be an order number of up to 10 digits, got "${orderNo}"`);
      }
      return async ({ broker }) => {
        const today = seoulDate(Date.now());
        const order = (await broker.getOrders({ from: today, to: today }))
          .find((o) => Number(o.orderNo) === Number(orderNo));
        // An order not in today's journal still goes to the broker, whose refusal says why.
        const ref = order ?? { orderNo: orderNo.padStart(10, "0"), branchNo: "" };
        const ack = await broker.cancelOrder(ref);
        print(values.json, ack, () => `cancel ${ack.orderNo} accepted for order ${ref.orderNo}`);
      };
    },
  }),
  fills: defineCommand({
    synopsis: "fills [--from <date> --to <date>]",
    summary: "orders and fills (default today)",
    options: { ...JSON_OPTION, ...DATE_RANGE },
    prepare: ({ values }) => {
      const from = values.from === undefined ? undefined : dateArg(values.from, "--from");
      const to = values.to === undefined ? undefined : dateArg(values.to, "--to");
      return async ({ broker }) => {
        const today = seoulDate(Date.now());
        const orders = await broker.getOrders({ from: from ?? today, to: to ?? today });
        print(values.json, orders, () =>
          table(
            [
              "date",
              "time",
              "order",
              "action",
              "symbol",
              "side",
              "type",
              "qty",
              "price",
              "filled",
              "avg",
              "route",
              "state",
            ],
            orders.map((o): Cell[] => [
              o.date,
              o.time,
              o.orderNo,
              orderAction(o),
              o.symbol,
              o.side,
              o.type,
              o.quantity,
              o.type === "market" ? "market" : o.price,
              o.filledQuantity,
              o.filledQuantity === 0 ? "" : price(o.averageFillPrice),
              o.route ?? "",
              o.state.status,
            ]),
          ));
      };
    },
  }),
  stream: defineCommand({
    synopsis: "stream <code>... [--source KRX|NXT|integrated]",
    summary: "realtime trades (and order notices with KIS_HTS_ID)",
    options: { ...JSON_OPTION, ...SOURCE_OPTION },
    positionals: { required: ["<code>..."], rest: true },
    prepare: ({ values, positionals }) => {
      const symbols = positionals.map(symbolArg);
      const source = parseArg(quoteSourceSchema.default("KRX"), values.source);
      return (session) => stream(session, symbols, source, values.json ?? false);
    },
  }),
};

async function stream(
  { env, broker }: Session,
  symbols: readonly SymbolCode[],
  quoteSource: QuoteSource,
  json: boolean,
): Promise<void> {
  const stream = await broker.stream({
    trades: symbols,
    orderNotices: env.kis.KIS_HTS_ID !== undefined,
    quoteSource,
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
}

const USAGE = `usage: deno task kis <command> [--json]

${commandList(COMMANDS)}

Dates are YYYY-MM-DD or YYYYMMDD. --json prints the broker's answer as JSON instead of a table.

environment: KIS_APP_KEY, KIS_APP_SECRET, KIS_ACCOUNT (12345678-01), KIS_ENV (real|vts, default vts),
  KIS_HTS_ID, KIS_REST_URL, KIS_WS_URL (e.g. the simulator's; deno task sim prints them),
  KV_PATH (default ${DEFAULT_KV_PATH}, the app's store; the task may write only under data/),
  KIS_LIVE_TRADING=1 to let orders reach a real account (KIS_ENV=real on KIS's own host),
  KIS_ORDER_ROUTE (KRX|NXT|SOR, default KRX): where orders go unless --route says otherwise`;

/**
 * The KIS variables this task may read (its `--allow-env` list), parsed by the app's own schema;
 * without any of the keys the app would start its demo, which the CLI cannot talk to.
 */
function readEnv(): CliEnv {
  const names = Object.keys(variablesOf(runtimeEnvSchema).shape)
    .filter((variable) =>
      Deno.permissions.querySync({ name: "env", variable }).state === "granted"
    );
  let runtime: RuntimeEnv;
  try {
    runtime = parseRuntimeEnv(Object.fromEntries(names.map((name) => [name, Deno.env.get(name)])));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (runtime.mode === "demo") {
    throw new UsageError(`${KIS_KEY_NAMES.join(", ")} not set: the KIS account to talk to`);
  }
  return runtime;
}

/** The app's store, which holds the shared KIS token and rate budget. */
async function openTokenCache(path: string): Promise<Store> {
  try {
    return await openStore({ path });
  } catch (error) {
    if (!(error instanceof Deno.errors.NotCapable)) throw error;
    throw new UsageError(
      `KV_PATH ${path} is outside data/, the only folder deno task kis may write to`,
      { helpHint: false },
    );
  }
}

async function main(argv: readonly string[]): Promise<void> {
  const job = prepareCommand(COMMANDS, argv);
  const env = readEnv();
  using store = await openTokenCache(env.kvPath);
  const kv = store.kv;
  const restUrl = env.kis.KIS_REST_URL ?? KIS_ENVS[env.kis.KIS_ENV].restUrl;
  const broker = new KisBroker({ ...kisAccountOptions(env.kis), kv, restUrl });
  try {
    await job({ env, kv, broker, restUrl });
  } finally {
    await broker.close();
  }
}

function describeError(error: unknown): string | undefined {
  if (error instanceof KisError) {
    return `${error.category}: [${error.msgCd}] ${error.msg1} (${error.trId})`;
  }
  if (error instanceof BrokerError || error instanceof RangeError) return error.message;
  if (error instanceof z.ZodError) return error.issues.map((issue) => issue.message).join("; ");
  return undefined;
}

if (import.meta.main) {
  if (Deno.args.length === 0) {
    console.log(USAGE);
    Deno.exit(2);
  }
  await runCli({ name: "kis", usage: USAGE, describeError }, main);
}
