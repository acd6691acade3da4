import type { IsoDate } from "./date.ts";

/**
 * Why a trading day keeps other hours: `year_opening`, the first trading day of a year (KRX
 * holds its opening ceremony and opens an hour late), or `exam_day`, the college entrance exam
 * (대학수학능력시험), when KRX shifts the whole day an hour later.
 */
export type SpecialDayKind = "year_opening" | "exam_day";

/** Trading days with shifted hours, 2015–2027; how each kind shifts is in session.ts. */
export const KRX_SPECIAL_DAYS: readonly {
  readonly date: IsoDate;
  readonly kind: SpecialDayKind;
}[] = ([
  ["2015-01-02", "year_opening"],
  ["2015-11-12", "exam_day"],
  ["2016-01-04", "year_opening"],
  ["2016-11-17", "exam_day"],
  ["2017-01-02", "year_opening"],
  ["2017-11-16", "exam_day"], // exam postponed (earthquake); KRX kept the announced hours
  ["2017-11-23", "exam_day"], // the postponed exam
  ["2018-01-02", "year_opening"],
  ["2018-11-15", "exam_day"],
  ["2019-01-02", "year_opening"],
  ["2019-11-14", "exam_day"],
  ["2020-01-02", "year_opening"],
  ["2020-12-03", "exam_day"], // postponed to December by the pandemic
  ["2021-01-04", "year_opening"],
  ["2021-11-18", "exam_day"],
  ["2022-01-03", "year_opening"],
  ["2022-11-17", "exam_day"],
  ["2023-01-02", "year_opening"],
  ["2023-11-16", "exam_day"],
  ["2024-01-02", "year_opening"],
  ["2024-11-14", "exam_day"],
  ["2025-01-02", "year_opening"],
  ["2025-11-13", "exam_day"],
  ["2026-01-02", "year_opening"],
  ["2026-11-19", "exam_day"],
  ["2027-01-04", "year_opening"],
  ["2027-11-18", "exam_day"], // date announced by the Ministry of Education for the 2028 exam
] as const).map(([date, kind]) => ({ date: date as IsoDate, kind }));

const KIND_BY_DATE: ReadonlyMap<IsoDate, SpecialDayKind> = new Map(
  KRX_SPECIAL_DAYS.map(({ date, kind }) => [date, kind]),
);

/** The kind of special day `date` is, or `undefined` for an ordinary day. */
export function specialDayKind(date: IsoDate): SpecialDayKind | undefined {
  return KIND_BY_DATE.get(date);
}
