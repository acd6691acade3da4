import type { IsoDate } from "./date.ts";

/**
 * Weekdays on which KRX does not trade, 2024–2027: public and substitute holidays, election
 * days, designated temporary holidays, Labour Day and the year-end closing day. Later
 * designations must be added from data (KIS `chk-holiday`, `opnd_yn`).
 */
export const KRX_HOLIDAYS: readonly IsoDate[] = [
  // 2024
  "2024-01-01", // New Year's Day
  "2024-02-09", // Seollal
  "2024-02-12", // Seollal, substitute
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
  "2024-10-01", // Armed Forces Day, designated holiday
  "2024-10-03", // National Foundation Day
  "2024-10-09", // Hangul Day
  "2024-12-25", // Christmas
  "2024-12-31", // year-end closing
  // 2025
  "2025-01-01", // New Year's Day
  "2025-01-27", // designated holiday
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
  "2025-10-08", // Chuseok, substitute
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
  "2026-08-17", // Liberation Day, substitute
  "2026-09-24", // Chuseok
  "2026-09-25", // Chuseok
  "2026-10-05", // National Foundation Day, substitute
  "2026-10-09", // Hangul Day
  "2026-12-25", // Christmas
  "2026-12-31", // year-end closing
  // 2027
  "2027-01-01", // New Year's Day
  "2027-02-05", // Seollal
  "2027-02-08", // Seollal, substitute
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
