/**
 * Feed dates → ISO 8601: RFC 822/1123 (pubDate, with named zones such as EST or GMT), RFC 3339
 * and W3C-DTF (Atom, dc:date, JSON Feed). The written offset is kept; a date without a zone
 * comes back without one (never guessed from this machine's clock or zone).
 */

/** Offsets of named zones seen in feeds, in minutes east of UTC. US names as in RFC 822. */
const ZONES: Record<string, number> = {
  UT: 0,
  UTC: 0,
  GMT: 0,
  Z: 0,
  WET: 0,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
  AKST: -540,
  AKDT: -480,
  HST: -600,
  BST: 60,
  CET: 60,
  CEST: 120,
  MET: 60,
  MEST: 120,
  WEST: 60,
  EET: 120,
  EEST: 180,
  MSK: 180,
  IST: 330,
  HKT: 480,
  SGT: 480,
  AWST: 480,
  JST: 540,
  KST: 540,
  ACST: 570,
  AEST: 600,
  AEDT: 660,
  NZST: 720,
  NZDT: 780,
};

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

function offsetText(minutes: number): string {
  if (minutes === 0) return "Z";
  const sign = minutes < 0 ? "-" : "+";
  const m = Math.abs(minutes);
  return `${sign}${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
}

function valid(y: number, mo: number, d: number, h: number, mi: number, s: number): boolean {
  if (mo < 1 || mo > 12 || d < 1 || h > 24 || mi > 59 || s > 60) return false;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= days;
}

/** Parses a feed date; null when it cannot be read (the item then has no date). */
export function parseFeedDate(input: string | null | undefined): string | null {
  if (!input) return null;
  const s = input.trim().replace(/\s+/g, " ");
  if (s === "") return null;
  return parseIso(s) ?? parseRfc822(s);
}

function parseIso(s: string): string | null {
  const m =
    /^(\d{4})-(\d{2})(?:-(\d{2}))?(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2}|[+-]\d{2})?)?$/i.exec(
      s,
    );
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  if (m[3] === undefined) return mo >= 1 && mo <= 12 ? `${m[1]}-${m[2]}` : null;
  const d = Number(m[3]);
  if (m[4] === undefined) return valid(y, mo, d, 0, 0, 0) ? `${m[1]}-${m[2]}-${m[3]}` : null;
  const h = Number(m[4]);
  const mi = Number(m[5]);
  const sec = m[6] === undefined ? 0 : Number(m[6]);
  if (!valid(y, mo, d, h, mi, sec)) return null;
  const base = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${pad(sec)}`;
  if (!m[7]) return base;
  if (m[7].toUpperCase() === "Z") return `${base}Z`;
  const z = m[7].replace(":", "");
  const minutes =
    (z[0] === "-" ? -1 : 1) * (Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5) || 0));
  return `${base}${offsetText(minutes)}`;
}

function parseRfc822(s: string): string | null {
  // "Tue, 18 Jun 2024 09:30:00 GMT", "18 June 2024 09:30 +0900", "Tue, 18 Jun 24 9:30:00 EST"
  const m =
    /^(?:[A-Za-z]{2,9},?\s*)?(\d{1,2})[\s-]+([A-Za-z]{3,9})\.?[\s-]+(\d{4}|\d{2})(?![\d])(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([A-Za-z]{1,5}|[+-]\d{4}|[+-]\d{2}:\d{2}))?)?/.exec(
      s,
    ) ?? rfcMonthFirst(s);
  if (!m) return null;
  const mo = MONTHS[m[2].slice(0, 3).toLowerCase()];
  if (!mo) return null;
  let y = Number(m[3]);
  if (m[3].length === 2) y += y < 50 ? 2000 : 1900;
  const d = Number(m[1]);
  if (m[4] === undefined) return valid(y, mo, d, 0, 0, 0) ? `${y}-${pad(mo)}-${pad(d)}` : null;
  const h = Number(m[4]);
  const mi = Number(m[5]);
  const sec = m[6] === undefined ? 0 : Number(m[6]);
  if (!valid(y, mo, d, h, mi, sec)) return null;
  const base = `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(sec)}`;
  const zone = m[7];
  if (!zone) return base;
  if (/^[+-]/.test(zone)) {
    const z = zone.replace(":", "");
    const minutes = (z[0] === "-" ? -1 : 1) * (Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5)));
    return `${base}${offsetText(minutes)}`;
  }
  const named = ZONES[zone.toUpperCase()];
  return named === undefined ? base : `${base}${offsetText(named)}`;
}

/** "Tue Jun 18 2024 09:30:00 GMT" / "June 18, 2024 09:30 EST": reorders to the day-first form. */
function rfcMonthFirst(s: string): RegExpExecArray | null {
  const m =
    /^(?:[A-Za-z]{2,9},?\s+)?([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([A-Za-z]{1,5}|[+-]\d{4}|[+-]\d{2}:\d{2}))?)?/.exec(
      s,
    );
  if (!m) return null;
  const swapped = [m[0], m[2], m[1], m[3], m[4], m[5], m[6], m[7]] as unknown as RegExpExecArray;
  return swapped;
}
