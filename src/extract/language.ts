/**
 * The body's language with franc-min (trigram profiles), mapped to ISO 639-1; <html lang> or a
 * supplied hint is used only when the body is too short to tell. Says so in diagnostics when
 * the language is unknown or not English (the analysis is tuned for English).
 */
import { franc } from "franc-min";
import type { Diagnostic } from "../model.js";

/** Fewest letters of body text franc-min is trusted on; below, the hint (if any) decides. */
export const MIN_LANGUAGE_CHARS = 60;
/** Characters of body text examined: franc is sure well before this; more costs time (4000 made it a third of all extraction time). */
const LANGUAGE_SAMPLE_CHARS = 1200;

/** ISO 639-3 (franc) → ISO 639-1 for the languages franc-min knows (and script-only ones). */
const ISO3_TO_1: Record<string, string> = {
  arb: "ar",
  azj: "az",
  bel: "be",
  bos: "bs",
  bul: "bg",
  ces: "cs",
  ckb: "ku",
  cmn: "zh",
  deu: "de",
  ell: "el",
  eng: "en",
  fra: "fr",
  hau: "ha",
  heb: "he",
  hin: "hi",
  hrv: "hr",
  hun: "hu",
  ibo: "ig",
  ind: "id",
  ita: "it",
  jav: "jv",
  jpn: "ja",
  kaz: "kk",
  kin: "rw",
  kor: "ko",
  lin: "ln",
  mar: "mr",
  nld: "nl",
  npi: "ne",
  nya: "ny",
  pes: "fa",
  plt: "mg",
  pol: "pl",
  por: "pt",
  ron: "ro",
  run: "rn",
  rus: "ru",
  som: "so",
  spa: "es",
  srp: "sr",
  sun: "su",
  swe: "sv",
  swh: "sw",
  tgl: "tl",
  tha: "th",
  tur: "tr",
  ukr: "uk",
  urd: "ur",
  uzn: "uz",
  vie: "vi",
  yor: "yo",
  zlm: "ms",
  zul: "zu",
  kat: "ka",
  hye: "hy",
  ben: "bn",
  tam: "ta",
  tel: "te",
  kan: "kn",
  mal: "ml",
  guj: "gu",
  pan: "pa",
  ori: "or",
  sin: "si",
  mya: "my",
  khm: "km",
  lao: "lo",
  amh: "am",
  ydd: "yi",
  dan: "da",
  nob: "no",
  fin: "fi",
  slk: "sk",
  slv: "sl",
  lit: "lt",
  lav: "lv",
  est: "et",
  cat: "ca",
  glg: "gl",
  eus: "eu",
};

export interface LanguageResult {
  language: string | null;
  diagnostics: Diagnostic[];
}

/** Primary subtag of a language hint ("en-GB" → "en"), or null. */
export function hintLanguage(hint: string | null | undefined): string | null {
  const m = hint?.trim().match(/^([a-z]{2,3})\b/i);
  if (!m) return null;
  const code = m[1].toLowerCase();
  return code.length === 2 ? code : (ISO3_TO_1[code] ?? null);
}

export function detectLanguage(body: string, hint?: string | null): LanguageResult {
  const diagnostics: Diagnostic[] = [];
  const sample = body.slice(0, LANGUAGE_SAMPLE_CHARS);
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  let language: string | null = null;
  if (letters >= MIN_LANGUAGE_CHARS) {
    const code = franc(sample, { minLength: MIN_LANGUAGE_CHARS });
    language = code === "und" ? null : (ISO3_TO_1[code] ?? null);
  }
  const hinted = hintLanguage(hint);
  if (language === null && hinted) {
    language = hinted;
    diagnostics.push({
      severity: "info",
      code: "language-from-markup",
      message: `body too short to detect its language; using the page's declared "${hint}"`,
    });
  }
  if (language === null) {
    diagnostics.push({
      severity: "warning",
      code: "language-unknown",
      message: "the body's language could not be told (too short or mixed)",
    });
  } else if (language !== "en") {
    diagnostics.push({
      severity: "warning",
      code: "language-unsupported",
      message: `the article is in "${language}"; analysis is tuned for English, so sentences, names and claims may be found less well`,
    });
  }
  return { language, diagnostics };
}
