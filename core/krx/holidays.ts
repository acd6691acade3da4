import type { IsoDate } from "./date.ts";

/** The years whose closing days {@link KRX_HOLIDAYS} lists in full. */
export const KRX_CALENDAR_YEARS: { readonly first: number; readonly last: number } = {
  first: 2015,
  last: 2027,
};

/**
 * Weekdays on which KRX did not (or will not) trade, 2015–2027, from KRX's published closing
 * days (증권·파생상품시장 휴장일): public holidays and their substitutes, election days,
 * designated temporary holidays, Labour Day and the year-end closing day (the last weekday of
 * December). Sources per kind of day are in docs/market-rules.md.
 */
export const KRX_HOLIDAYS: readonly IsoDate[] = [
  // 2015
  "2015-01-01", // New Year's Day
  "2015-02-18", // Seollal
  "2015-02-19", // Seollal
  "2015-02-20", // Seollal
  "2015-05-01", // Labour Day
  "2015-05-05", // Children's Day
  "2015-05-25", // Buddha's Birthday
  "2015-08-14", // temporary holiday (70th Liberation anniversary)
  "2015-09-28", // Chuseok
  "2015-09-29", // Chuseok, substitute for Sunday 09-27
  "2015-10-09", // Hangul Day
  "2015-12-25", // Christmas
  "2015-12-31", // year-end closing
  // 2016
  "2016-01-01", // New Year's Day
  "2016-02-08", // Seollal
  "2016-02-09", // Seollal
  "2016-02-10", // Seollal, substitute for Sunday 02-07
  "2016-03-01", // Independence Movement Day
  "2016-04-13", // National Assembly election
  "2016-05-05", // Children's Day
  "2016-05-06", // temporary holiday
  "2016-06-06", // Memorial Day
  "2016-08-15", // Liberation Day
  "2016-09-14", // Chuseok
  "2016-09-15", // Chuseok
  "2016-09-16", // Chuseok
  "2016-10-03", // National Foundation Day
  "2016-12-30", // year-end closing (12-31 is a Saturday)
  // 2017
  "2017-01-27", // Seollal
  "2017-01-30", // Seollal, substitute for Sunday 01-29
  "2017-03-01", // Independence Movement Day
  "2017-05-01", // Labour Day
  "2017-05-03", // Buddha's Birthday
  "2017-05-05", // Children's Day
  "2017-05-09", // presidential election
  "2017-06-06", // Memorial Day
  "2017-08-15", // Liberation Day
  "2017-10-02", // temporary holiday
  "2017-10-03", // National Foundation Day and Chuseok
  "2017-10-04", // Chuseok
  "2017-10-05", // Chuseok
  "2017-10-06", // Chuseok, substitute for 10-03
  "2017-10-09", // Hangul Day
  "2017-12-25", // Christmas
  "2017-12-29", // year-end closing (12-31 is a Sunday)
  // 2018
  "2018-01-01", // New Year's Day
  "2018-02-15", // Seollal
  "2018-02-16", // Seollal
  "2018-03-01", // Independence Movement Day
  "2018-05-01", // Labour Day
  "2018-05-07", // Children's Day, substitute for Saturday 05-05
  "2018-05-22", // Buddha's Birthday
  "2018-06-06", // Memorial Day
  "2018-06-13", // local elections
  "2018-08-15", // Liberation Day
  "2018-09-24", // Chuseok
  "2018-09-25", // Chuseok
  "2018-09-26", // Chuseok, substitute for Sunday 09-23
  "2018-10-03", // National Foundation Day
  "2018-10-09", // Hangul Day
  "2018-12-25", // Christmas
  "2018-12-31", // year-end closing
  // 2019
  "2019-01-01", // New Year's Day
  "2019-02-04", // Seollal
  "2019-02-05", // Seollal
  "2019-02-06", // Seollal
  "2019-03-01", // Independence Movement Day
  "2019-05-01", // Labour Day
  "2019-05-06", // Children's Day, substitute for Sunday 05-05
  "2019-06-06", // Memorial Day
  "2019-08-15", // Liberation Day
  "2019-09-12", // Chuseok
  "2019-09-13", // Chuseok
  "2019-10-03", // National Foundation Day
  "2019-10-09", // Hangul Day
  "2019-12-25", // Christmas
  "2019-12-31", // year-end closing
  // 2020
  "2020-01-01", // New Year's Day
  "2020-01-24", // Seollal
  "2020-01-27", // Seollal, substitute for Sunday 01-26
  "2020-04-15", // National Assembly election
  "2020-04-30", // Buddha's Birthday
  "2020-05-01", // Labour Day
  "2020-05-05", // Children's Day
  "2020-08-17", // temporary holiday
  "2020-09-30", // Chuseok
  "2020-10-01", // Chuseok
  "2020-10-02", // Chuseok
  "2020-10-09", // Hangul Day
  "2020-12-25", // Christmas
  "2020-12-31", // year-end closing
  // 2021
  "2021-01-01", // New Year's Day
  "2021-02-11", // Seollal
  "2021-02-12", // Seollal
  "2021-03-01", // Independence Movement Day
  "2021-05-05", // Children's Day
  "2021-05-19", // Buddha's Birthday
  "2021-08-16", // Liberation Day, substitute (national days get substitutes from 2021-07)
  "2021-09-20", // Chuseok
  "2021-09-21", // Chuseok
  "2021-09-22", // Chuseok
  "2021-10-04", // National Foundation Day, substitute
  "2021-10-11", // Hangul Day, substitute
  "2021-12-31", // year-end closing
  // 2022
  "2022-01-31", // Seollal
  "2022-02-01", // Seollal
  "2022-02-02", // Seollal
  "2022-03-01", // Independence Movement Day
  "2022-03-09", // presidential election
  "2022-05-05", // Children's Day
  "2022-06-01", // local elections
  "2022-06-06", // Memorial Day
  "2022-08-15", // Liberation Day
  "2022-09-09", // Chuseok
  "2022-09-12", // Chuseok, substitute for Sunday 09-11
  "2022-10-03", // National Foundation Day
  "2022-10-10", // Hangul Day, substitute
  "2022-12-30", // year-end closing (12-31 is a Saturday)
  // 2023
  "2023-01-23", // Seollal
  "2023-01-24", // Seollal, substitute for Sunday 01-22
  "2023-03-01", // Independence Movement Day
  "2023-05-01", // Labour Day
  "2023-05-05", // Children's Day
  "2023-05-29", // Buddha's Birthday, substitute (extended to it from 2023-05)
  "2023-06-06", // Memorial Day
  "2023-08-15", // Liberation Day
  "2023-09-28", // Chuseok
  "2023-09-29", // Chuseok
  "2023-10-02", // temporary holiday
  "2023-10-03", // National Foundation Day
  "2023-10-09", // Hangul Day
  "2023-12-25", // Christmas
  "2023-12-29", // year-end closing (12-31 is a Sunday)
  // 2024
  "2024-01-01", // New Year's Day
  "2024-02-09", // Seollal
  "2024-02-12", // Seollal, substitute for Sunday 02-11
  "2024-03-01", // Independence Movement Day
  "2024-04-10", // National Assembly election
  "2024-05-01", // Labour Day
  "2024-05-06", // Children's Day, substitute
  "2024-05-15", // Buddha's Birthday
  "2024-06-06", // Memorial Day
  "2024-08-15", // Liberation Day
  "2024-09-16", // Chuseok
  "2024-09-17", // Chuseok
  "2024-09-18", // Chuseok
  "2024-10-01", // Armed Forces Day, temporary holiday
  "2024-10-03", // National Foundation Day
  "2024-10-09", // Hangul Day
  "2024-12-25", // Christmas
  "2024-12-31", // year-end closing
  // 2025
  "2025-01-01", // New Year's Day
  "2025-01-27", // temporary holiday
  "2025-01-28", // Seollal
  "2025-01-29", // Seollal
  "2025-01-30", // Seollal
  "2025-03-03", // Independence Movement Day, substitute
  "2025-05-01", // Labour Day
  "2025-05-05", // Children's Day and Buddha's Birthday
  "2025-05-06", // substitute holiday
  "2025-06-03", // presidential election
  "2025-06-06", // Memorial Day
  "2025-08-15", // Liberation Day
  "2025-10-03", // National Foundation Day
  "2025-10-06", // Chuseok
  "2025-10-07", // Chuseok
  "2025-10-08", // Chuseok, substitute for Sunday 10-05
  "2025-10-09", // Hangul Day
  "2025-12-25", // Christmas
  "2025-12-31", // year-end closing
  // 2026
  "2026-01-01", // New Year's Day
  "2026-02-16", // Seollal
  "2026-02-17", // Seollal
  "2026-02-18", // Seollal
  "2026-03-02", // Independence Movement Day, substitute
  "2026-05-01", // Labour Day
  "2026-05-05", // Children's Day
  "2026-05-25", // Buddha's Birthday, substitute
  "2026-06-03", // local elections
  "2026-07-17", // Constitution Day, a public holiday again from 2026
  "2026-08-17", // Liberation Day, substitute
  "2026-09-24", // Chuseok
  "2026-09-25", // Chuseok
  "2026-10-05", // National Foundation Day, substitute
  "2026-10-09", // Hangul Day
  "2026-12-25", // Christmas
  "2026-12-31", // year-end closing
  // 2027
  "2027-01-01", // New Year's Day
  "2027-02-08", // Seollal (Korea's lunar new year is Sunday 02-07; 02-05 trades)
  "2027-02-09", // Seollal, substitute for Sunday 02-07
  "2027-03-01", // Independence Movement Day
  "2027-05-05", // Children's Day
  "2027-05-13", // Buddha's Birthday
  "2027-08-16", // Liberation Day, substitute
  "2027-09-14", // Chuseok
  "2027-09-15", // Chuseok
  "2027-09-16", // Chuseok
  "2027-10-04", // National Foundation Day, substitute
  "2027-10-11", // Hangul Day, substitute
  "2027-12-27", // Christmas, substitute
  "2027-12-31", // year-end closing
] as IsoDate[];
