/**
 * Publication dates from metadata values and date lines: ISO 8601 timestamps and written dates
 * ("Thursday, July 11, 2024", "Published on March 4, 2025 10:32 am", "11 juillet 2024"),
 * returned as ISO 8601 at the precision that was given, with the offset only when one was given.
 */
import type { DatePrecision } from "../model.js";

export interface ParsedDate {
  iso: string;
  precision: DatePrecision;
}

/** Month names (and common abbreviations) in en, de, fr, es, it, pt, nl, ru → month number. */
const MONTHS: Record<string, number> = {};
const MONTH_NAMES: string[][] = [
  [
    "january",
    "jan",
    "januar",
    "jänner",
    "janvier",
    "janv",
    "enero",
    "ene",
    "gennaio",
    "gen",
    "janeiro",
    "januari",
    "января",
    "январь",
  ],
  [
    "february",
    "feb",
    "februar",
    "février",
    "fevrier",
    "févr",
    "fév",
    "febrero",
    "febbraio",
    "fevereiro",
    "februari",
    "февраля",
    "февраль",
  ],
  [
    "march",
    "mar",
    "märz",
    "maerz",
    "mars",
    "marzo",
    "março",
    "marco",
    "maart",
    "mrt",
    "марта",
    "март",
  ],
  ["april", "apr", "avril", "avr", "abril", "abr", "aprile", "апреля", "апрель"],
  ["may", "mai", "mayo", "maggio", "mag", "maio", "mei", "мая", "май"],
  ["june", "jun", "juni", "juin", "junio", "giugno", "giu", "junho", "июня", "июнь"],
  ["july", "jul", "juli", "juillet", "juil", "julio", "luglio", "lug", "julho", "июля", "июль"],
  ["august", "aug", "août", "aout", "agosto", "ago", "augustus", "августа", "август"],
  [
    "september",
    "sep",
    "sept",
    "septembre",
    "septiembre",
    "settembre",
    "set",
    "setembro",
    "сентября",
    "сентябрь",
  ],
  [
    "october",
    "oct",
    "oktober",
    "okt",
    "octobre",
    "octubre",
    "ottobre",
    "ott",
    "outubro",
    "out",
    "октября",
    "октябрь",
  ],
  ["november", "nov", "novembre", "noviembre", "novembro", "ноября", "ноябрь"],
  [
    "december",
    "dec",
    "dezember",
    "dez",
    "décembre",
    "decembre",
    "déc",
    "diciembre",
    "dic",
    "dicembre",
    "dezembro",
    "декабря",
    "декабрь",
  ],
];
MONTH_NAMES.forEach((names, i) => {
  for (const n of names) MONTHS[n] = i + 1;
});
/** All month names as one alternation, longest first so "june" wins over "jun". */
const MONTH_RE = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join("|");

const pad = (n: number) => String(n).padStart(2, "0");

function validDay(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

/** ISO 8601 / RFC 3339 strings, keeping the precision and offset given. */
export function parseIsoDate(value: string): ParsedDate | null {
  const m = value
    .trim()
    .match(
      /^(\d{4})-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?)?$/i,
    );
  if (!m) return null;
  const [, y, mo, d, h, mi, s, zone] = m;
  if (!d) {
    return +mo >= 1 && +mo <= 12 ? { iso: `${y}-${mo}`, precision: "month" } : null;
  }
  if (!validDay(+y, +mo, +d)) return null;
  if (!h) return { iso: `${y}-${mo}-${d}`, precision: "day" };
  if (+h > 23 || +mi > 59) return null;
  let tz = "";
  if (zone) tz = zone.toUpperCase() === "Z" ? "Z" : zone.replace(/^([+-]\d{2})(\d{2})$/, "$1:$2");
  if (s !== undefined) return { iso: `${y}-${mo}-${d}T${h}:${mi}:${s}${tz}`, precision: "second" };
  return { iso: `${y}-${mo}-${d}T${h}:${mi}${tz}`, precision: "minute" };
}

/**
 * Time-zone abbreviations written after a time → offset from UTC in minutes. Only names with
 * one common meaning: "IST" (India / Ireland / Israel), "ET"/"PT" (no DST shown) and the like
 * are left out, so such a time keeps no offset rather than a wrong one.
 */
const ZONE_OFFSETS: Record<string, number> = {
  utc: 0,
  gmt: 0,
  z: 0,
  wet: 0,
  west: 60,
  bst: 60,
  cet: 60,
  mez: 60,
  cest: 120,
  mesz: 120,
  eet: 120,
  eest: 180,
  oez: 120,
  oesz: 180,
  msk: 180,
  sast: 120,
  eat: 180,
  wat: 60,
  edt: -240,
  est: -300,
  cdt: -300,
  cst: -360,
  mdt: -360,
  mst: -420,
  pdt: -420,
  pst: -480,
  akdt: -480,
  akst: -540,
  hst: -600,
  wib: 420,
  sgt: 480,
  hkt: 480,
  jst: 540,
  kst: 540,
  aest: 600,
  aedt: 660,
  nzst: 720,
  nzdt: 780,
};
const ZONE_RE = Object.keys(ZONE_OFFSETS)
  .sort((a, b) => b.length - a.length)
  .join("|");

/** An optional time after a date: "at 10:32 am", "um 9.30 Uhr MESZ", "20h13", "3:05 PM GMT", "UTC+1". */
const TIME_RE = String.raw`(?:\s*(?:at|um|à|a las|alle|às|om|в)?\s*(\d{1,2})[:.h](\d{2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?(?:\s*(?:uhr|h|hrs|horas|heures|ч)\b)?(?:\s*\(?\b(${ZONE_RE})\b)?(?:\s*([+-]\d{1,2}(?::?\d{2})?))?)?`;
/** A time written before the date ("Published: 08:10 BST, 15 Oct 2025"): same groups as TIME_RE. */
const TIME_ALONE = new RegExp(
  String.raw`(?:^|[^\d.:/])(\d{1,2})[:.h](\d{2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?(?:\s*(?:uhr|h|hrs)\b)?(?:\s*\(?\b(${ZONE_RE})\b)?(?:\s*([+-]\d{1,2}(?::?\d{2})?))?(?![\d/])`,
  "iu",
);
/** "July 11, 2024", "Nov. 18, 2019 at 4:07 PM". */
const MDY = new RegExp(
  String.raw`\b(${MONTH_RE})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b,?${TIME_RE}`,
  "iu",
);
/** "11 July 2024", "22 de outubro de 2010", "18. Juni 2024". */
const DMY = new RegExp(
  String.raw`\b(\d{1,2})(?:st|nd|rd|th|er|º|\.)?\s+(?:de\s+|di\s+)?(${MONTH_RE})\.?,?\s+(?:de\s+|del\s+)?(\d{4})\b,?${TIME_RE}`,
  "iu",
);
/** "27/11/2005", "11/27/2005", "03.04.2024", "5/5 / 2010" (order decided in parseDate). */
const NUMERIC_DMY = new RegExp(
  String.raw`\b(\d{1,2})(?:\.|\s*/\s*)(\d{1,2})(?:\.|\s*/\s*)(\d{4}|\d{2})\b,?${TIME_RE}`,
  "iu",
);
/** "2012.08.08 09:01 AM". */
const YMD_DOTS = new RegExp(String.raw`\b(\d{4})[./](\d{1,2})[./](\d{1,2})\b${TIME_RE}`, "iu");
/** An ISO date inside other text ("Updated 2024-06-18T09:30Z"). */
const ISO_IN_TEXT =
  /\b(\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)\b/;

function withTime(
  y: number,
  mo: number,
  d: number,
  time: readonly (string | undefined)[],
): ParsedDate | null {
  const [h, mi, s, ampm, utc, offset] = time;
  if (!validDay(y, mo, d)) return null;
  const day = `${y}-${pad(mo)}-${pad(d)}`;
  if (h === undefined || mi === undefined) return { iso: day, precision: "day" };
  let hour = +h;
  const ap = ampm?.toLowerCase().replace(/\./g, "");
  if (ap === "pm" && hour < 12) hour += 12;
  if (ap === "am" && hour === 12) hour = 0;
  if (hour > 23 || +mi > 59) return { iso: day, precision: "day" };
  const minutes = zoneMinutes(utc, offset);
  if (minutes === null) {
    const time = s ? `${pad(hour)}:${mi}:${s}` : `${pad(hour)}:${mi}`;
    return { iso: `${day}T${time}`, precision: s ? "second" : "minute" };
  }
  // A written zone: the full offset form, seconds included ("2025-10-14T20:52:00+01:00").
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  const tz = `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  return { iso: `${day}T${pad(hour)}:${mi}:${s ?? "00"}${tz}`, precision: s ? "second" : "minute" };
}

/** Offset in minutes from a zone word and/or a written offset ("UTC+1", "+0530", "BST"). */
function zoneMinutes(zone?: string, offset?: string): number | null {
  let base: number | null = zone ? (ZONE_OFFSETS[zone.toLowerCase()] ?? null) : null;
  if (offset) {
    const m = offset.match(/^([+-])(\d{1,2}):?(\d{2})?$/);
    if (m && +m[2] <= 14 && (m[3] === undefined || +m[3] < 60)) {
      const extra = (m[1] === "-" ? -1 : 1) * (+m[2] * 60 + +(m[3] ?? 0));
      // "+01:00" alone, or "UTC+1" / "GMT+2": an offset from UTC. After another zone word it
      // would be ambiguous, so the zone word alone counts.
      if (base === null || base === 0) base = extra;
    }
  }
  return base;
}

/**
 * A date match that carries no time of its own takes a time written elsewhere on the line
 * ("08:10 BST, 15 Oct 2025"); only for short lines, where that time is this date's.
 */
function timeElsewhere(text: string, m: RegExpMatchArray, first: number): (string | undefined)[] {
  if (m[first] !== undefined || text.length > 80) return m.slice(first, first + 6);
  const rest = `${text.slice(0, m.index ?? 0)} ${text.slice((m.index ?? 0) + m[0].length)}`;
  const t = rest.match(TIME_ALONE);
  return t ? t.slice(1, 7) : m.slice(first, first + 6);
}

/** The first date written in a text (metadata value or date line), or null. */
export function parseDate(value: string): ParsedDate | null {
  const iso = parseIsoDate(value);
  if (iso) return iso;
  const text = value.trim();
  let m = text.match(MDY);
  if (m) {
    return withTime(+m[3], MONTHS[m[1].toLowerCase()], +m[2], timeElsewhere(text, m, 4));
  }
  m = text.match(DMY);
  if (m) {
    return withTime(+m[3], MONTHS[m[2].toLowerCase()], +m[1], timeElsewhere(text, m, 4));
  }
  m = text.match(ISO_IN_TEXT);
  if (m) return parseIsoDate(m[1]);
  m = text.match(YMD_DOTS);
  if (m) return withTime(+m[1], +m[2], +m[3], timeElsewhere(text, m, 4));
  m = text.match(NUMERIC_DMY);
  if (m) {
    // 27/11/2005 is day-first, 11/27/2005 month-first; when both fit, slashes are read
    // month-first (US usage) and dots day-first (European usage).
    const a = +m[1];
    const b = +m[2];
    const y = m[3].length === 2 ? 2000 + +m[3] : +m[3];
    const monthFirst = a <= 12 && (b > 12 || m[0].includes("/"));
    const t = timeElsewhere(text, m, 4);
    return monthFirst ? withTime(y, a, b, t) : withTime(y, b, a, t);
  }
  return null;
}

/** Words allowed around a date on a line that is only a date ("Published on …", "Updated"). */
const DATE_LINE_WORDS = new Set(
  (
    "article published posted updated first last modified on at date am pm a.m. p.m. a p m utc gmt stand " +
    "et pt ct mt edt est cdt cst mdt mst pdt pst akdt akst hst cet cest bst ist wib msk jst kst aest aedt sast eat wat " +
    "wet west mez mesz eet eest oez oesz sgt hkt nzst nzdt " +
    "mon tue wed thu fri sat sun monday tuesday wednesday thursday friday saturday sunday " +
    "veröffentlicht aktualisiert um uhr montag dienstag mittwoch donnerstag freitag samstag sonntag " +
    "publié publie mis à jour le à lundi mardi mercredi jeudi vendredi samedi dimanche " +
    "publicado actualizado el de del a las lunes martes miércoles jueves viernes sábado domingo " +
    "pubblicato aggiornato il alle lunedì martedì mercoledì giovedì venerdì sabato domenica " +
    "atualizado em às segunda-feira terça-feira quarta-feira quinta-feira sexta-feira " +
    "gepubliceerd bijgewerkt op maandag dinsdag woensdag donderdag vrijdag zaterdag zondag " +
    "опубликовано обновлено в понедельник вторник среда четверг пятница суббота воскресенье"
  ).split(" "),
);

/** True when a line holds a date and nothing much else ("Thursday, July 11, 2024"). */
export function isDateLine(line: string): boolean {
  if (line.length > 80) return false;
  if (!parseDate(line)) return false;
  const words = line.toLowerCase().match(/[\p{L}][\p{L}.'-]*/gu) ?? [];
  return words.every(
    (w) =>
      DATE_LINE_WORDS.has(w) ||
      DATE_LINE_WORDS.has(w.replace(/\.$/, "")) ||
      MONTHS[w.replace(/\.$/, "")] !== undefined ||
      /^(st|nd|rd|th|h)$/.test(w),
  );
}
