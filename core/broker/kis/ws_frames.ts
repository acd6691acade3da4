import { z } from "zod";

/** One message from the KIS WebSocket, sorted by kind (PROTOCOL.md §7.3–7.5). */
export type WsFrame =
  | {
    readonly kind: "data";
    readonly encrypted: boolean;
    readonly trId: string;
    readonly count: number;
    readonly payload: string;
  }
  | { readonly kind: "pingpong"; readonly raw: string }
  | {
    readonly kind: "ack";
    readonly trId: string;
    readonly trKey: string;
    readonly rtCd: string;
    readonly msgCd: string;
    readonly msg1: string;
    /** AES-256 key and IV for this TR's encrypted frames, when the ack carries them. */
    readonly cipher?: { readonly key: string; readonly iv: string };
  };

const controlSchema = z.object({
  header: z.object({
    tr_id: z.string(),
    tr_key: z.string().default(""),
  }),
  body: z.object({
    rt_cd: z.string().default(""),
    msg_cd: z.string().default(""),
    msg1: z.string().default(""),
    output: z.object({ key: z.string().optional(), iv: z.string().optional() }).optional(),
  }).optional(),
});

/** Parses one text frame; throws `SyntaxError` naming the problem for anything KIS does not send. */
export function parseFrame(text: string): WsFrame {
  const first = text[0];
  if (first === "0" || first === "1") {
    const [enc, trId, count, ...rest] = text.split("|");
    const payload = rest.join("|");
    if (!trId || !count || !/^\d+$/.test(count) || rest.length === 0) {
      throw new SyntaxError(`malformed KIS data frame: "${text.slice(0, 60)}"`);
    }
    return { kind: "data", encrypted: enc === "1", trId, count: Number(count), payload };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new SyntaxError(`KIS frame is neither data nor JSON: "${text.slice(0, 60)}"`);
  }
  const parsed = controlSchema.safeParse(json);
  if (!parsed.success) {
    throw new SyntaxError(`unexpected KIS control frame: "${text.slice(0, 120)}"`);
  }
  const { header, body } = parsed.data;
  if (header.tr_id === "PINGPONG") return { kind: "pingpong", raw: text };
  const key = body?.output?.key;
  const iv = body?.output?.iv;
  return {
    kind: "ack",
    trId: header.tr_id,
    trKey: header.tr_key,
    rtCd: body?.rt_cd ?? "",
    msgCd: body?.msg_cd ?? "",
    msg1: body?.msg1 ?? "",
    ...(key && iv ? { cipher: { key, iv } } : {}),
  };
}

/**
 * Splits a `^`-joined payload of `count` concatenated records. Each record must have at least
 * `minFields` fields; extra trailing fields (KIS grows its TRs) are kept, divided evenly.
 */
export function splitRecords(payload: string, count: number, minFields: number): string[][] {
  const fields = payload.split("^");
  const perRecord = fields.length / count;
  if (count < 1 || !Number.isInteger(perRecord) || perRecord < minFields) {
    throw new SyntaxError(
      `KIS frame of ${count} record(s) has ${fields.length} fields; ` +
        `expected a multiple of ${count} with at least ${minFields} per record`,
    );
  }
  const records: string[][] = [];
  for (let start = 0; start < fields.length; start += perRecord) {
    records.push(fields.slice(start, start + perRecord));
  }
  return records;
}

/** Decrypts an encrypted frame payload: base64 → AES-256-CBC (PKCS#7) → UTF-8, per the ack's key/IV. */
export async function decryptPayload(
  base64: string,
  cipher: { readonly key: string; readonly iv: string },
): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey("raw", encoder.encode(cipher.key), "AES-CBC", false, [
    "decrypt",
  ]);
  const data = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  const plain = await crypto.subtle.decrypt(
    { name: "AES-CBC", iv: encoder.encode(cipher.iv) },
    key,
    data,
  );
  return new TextDecoder().decode(plain);
}

/** The text frame that registers (`"1"`) or unregisters (`"2"`) one realtime feed. */
export function subscriptionMessage(
  approvalKey: string,
  action: "subscribe" | "unsubscribe",
  trId: string,
  trKey: string,
): string {
  return JSON.stringify({
    header: {
      approval_key: approvalKey,
      custtype: "P",
      tr_type: action === "subscribe" ? "1" : "2",
      "content-type": "utf-8",
    },
    body: { input: { tr_id: trId, tr_key: trKey } },
  });
}
