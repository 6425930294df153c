// The mock shell's mapping profiles: written and read as the profile TOML the engine
// uses (version, target, identifier, [[field]] with column and transforms), and the
// transforms applied to a value as the engine's mapper would.
import type { FieldSuggestion, TargetKind, Transform, UiError } from "../../src/ipc/contract";

export interface MockField {
  target: string;
  column?: string;
  transforms: Transform[];
}

export interface MockProfile {
  target: TargetKind;
  identifier: string;
  fields: MockField[];
}

/** Calling codes of the countries the mock's phone transform knows. */
export const COUNTRIES: Record<string, string> = { DE: "49", AT: "43", CH: "41", FR: "33", GB: "44", NL: "31", US: "1" };

function fail(error: UiError): never {
  throw error;
}

// ---- TOML -----------------------------------------------------------------------------

function value(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return `[${v.map(value).join(", ")}]`;
  const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
  const key = (k: string) => (/^[A-Za-z0-9_-]+$/.test(k) ? k : JSON.stringify(k));
  return `{ ${entries.map(([k, x]) => `${key(k)} = ${value(x)}`).join(", ")} }`;
}

export function writeProfile(profile: MockProfile): string {
  const lines = ["version = 1", `target = ${value(profile.target)}`, `identifier = ${value(profile.identifier)}`];
  for (const f of profile.fields) {
    lines.push("", "[[field]]", `target = ${value(f.target)}`);
    if (f.column !== undefined) lines.push(`column = ${value(f.column)}`);
    if (f.transforms.length > 0) lines.push(`transforms = ${value(f.transforms)}`);
  }
  return `${lines.join("\n")}\n`;
}

/** Reads the TOML subset writeProfile writes (and the engine's profiles use). */
class Reader {
  at = 0;
  constructor(readonly text: string) {}
  space() {
    while (this.at < this.text.length && /[ \t]/.test(this.text[this.at] ?? "")) this.at++;
  }
  expect(c: string) {
    this.space();
    if (this.text[this.at] !== c) fail({ message: `The mapping is not valid TOML: expected “${c}” at character ${this.at}.` });
    this.at++;
  }
  key(): string {
    this.space();
    if (this.text[this.at] === '"') return this.string();
    const m = /^[A-Za-z0-9_-]+/.exec(this.text.slice(this.at));
    if (!m) fail({ message: `The mapping is not valid TOML: a key was expected at character ${this.at}.` });
    this.at += m[0].length;
    return m[0];
  }
  string(): string {
    const m = /^"(?:[^"\\]|\\.)*"/.exec(this.text.slice(this.at));
    if (!m) fail({ message: `The mapping is not valid TOML: an unclosed string at character ${this.at}.` });
    this.at += m[0].length;
    return JSON.parse(m[0]) as string;
  }
  value(): unknown {
    this.space();
    const c = this.text[this.at];
    if (c === '"') return this.string();
    if (c === "[") {
      this.at++;
      const out: unknown[] = [];
      for (;;) {
        this.space();
        if (this.text[this.at] === "]") break;
        out.push(this.value());
        this.space();
        if (this.text[this.at] === ",") this.at++;
      }
      this.at++;
      return out;
    }
    if (c === "{") {
      this.at++;
      const out: Record<string, unknown> = {};
      for (;;) {
        this.space();
        if (this.text[this.at] === "}") break;
        const k = this.key();
        this.expect("=");
        out[k] = this.value();
        this.space();
        if (this.text[this.at] === ",") this.at++;
      }
      this.at++;
      return out;
    }
    const m = /^(true|false|-?\d+)/.exec(this.text.slice(this.at));
    if (!m) fail({ message: `The mapping is not valid TOML: a value was expected at character ${this.at}.` });
    this.at += m[0].length;
    return m[0] === "true" ? true : m[0] === "false" ? false : Number(m[0]);
  }
}

export function readProfile(toml: string): MockProfile {
  const top: Record<string, unknown> = {};
  const fields: Record<string, unknown>[] = [];
  let table = top;
  for (const raw of toml.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    if (line === "[[field]]") {
      table = {};
      fields.push(table);
      continue;
    }
    const reader = new Reader(line);
    const k = reader.key();
    reader.expect("=");
    table[k] = reader.value();
  }
  const target = top.target;
  const identifier = top.identifier;
  if (typeof target !== "string" || typeof identifier !== "string") {
    fail({ message: "The mapping names no target or no identifier. Choose the target on the Map step again." });
  }
  return {
    target: target as TargetKind,
    identifier,
    fields: fields.map((f) => ({
      target: String(f.target),
      column: typeof f.column === "string" ? f.column : undefined,
      transforms: Array.isArray(f.transforms) ? (f.transforms as Transform[]) : [],
    })),
  };
}

/** The profile a suggestion's fields make: each field with a column, its transforms. */
export function profileTomlOf(target: TargetKind, fields: FieldSuggestion[]): string {
  const identifier = fields.find((f) => f.identifier)?.field ?? "email";
  return writeProfile({
    target,
    identifier,
    fields: fields.filter((f) => f.column).map((f) => ({ target: f.field, column: f.column, transforms: f.transforms })),
  });
}

// ---- Transforms -----------------------------------------------------------------------

export type Transformed = { value: string } | { error: { code: string; message: string } };

function title(v: string): string {
  return v.toLowerCase().replace(/(^|[\s'-])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());
}

function date(v: string, t: Extract<Transform, { op: "date" }>): Transformed {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v);
  const dotted = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(v);
  let parts: [string, string, string] | undefined;
  if (iso) parts = [iso[1] ?? "", iso[2] ?? "", iso[3] ?? ""];
  else if (dotted) {
    const [a, b] = [dotted[1] ?? "", dotted[2] ?? ""];
    const dayFirst = t.day_first ?? v.includes(".");
    parts = [dotted[3] ?? "", dayFirst ? b : a, dayFirst ? a : b];
  }
  if (!parts) return { error: { code: "date_invalid", message: `“${v}” is not a date Muster can read.` } };
  const [y, m, d] = parts.map((p) => p.padStart(2, "0")) as [string, string, string];
  if (t.to === "day_month_year") return { value: `${d}.${m}.${y}` };
  return { value: t.to === "date_time" ? `${y}-${m}-${d}T00:00:00Z` : `${y}-${m}-${d}` };
}

function phone(v: string, country: string): Transformed {
  const code = COUNTRIES[country.toUpperCase()];
  const digits = v.replace(/[^\d+]/g, "");
  if (!code || digits.replace("+", "").length < 6) return { error: { code: "phone_invalid", message: `“${v}” is not a phone number.` } };
  if (digits.startsWith("+")) return { value: digits };
  if (digits.startsWith("00")) return { value: `+${digits.slice(2)}` };
  return { value: `+${code}${digits.replace(/^0/, "")}` };
}

function step(v: string, t: Transform): Transformed {
  const blank = v.trim() === "";
  if (t.op === "trim") return { value: v.trim().replace(/\s+/g, " ") };
  if (t.op === "default") return { value: blank ? t.value : v };
  if (blank) return { value: v };
  switch (t.op) {
    case "case":
      return { value: t.to === "lower" ? v.toLowerCase() : t.to === "upper" ? v.toUpperCase() : title(v) };
    case "split_name": {
      const words = v.trim().split(/\s+/);
      const part = t.part === "first" ? words.slice(0, 1) : t.part === "last" ? words.slice(-1) : words.slice(1, -1);
      return { value: words.length < 2 && t.part !== "first" ? "" : part.join(" ") };
    }
    case "date":
      return date(v.trim(), t);
    case "phone":
      return phone(v, t.country);
    case "map": {
      const key = Object.keys(t.values).find((k) => (t.ignore_case ? k.toLowerCase() === v.toLowerCase() : k === v));
      if (key !== undefined) return { value: t.values[key] ?? "" };
      if (t.otherwise === "error") return { error: { code: "value_not_allowed", message: `“${v}” is none of the values the map knows.` } };
      return { value: t.otherwise === "empty" ? "" : v };
    }
  }
}

export function transform(v: string, transforms: Transform[]): Transformed {
  let current = v;
  for (const t of transforms) {
    const out = step(current, t);
    if ("error" in out) return out;
    current = out.value;
  }
  return { value: current };
}

/** Why a transform cannot be used as given, in words; undefined when it can. */
export function checkTransform(t: Transform): string | undefined {
  if (t.op === "phone" && !COUNTRIES[t.country.toUpperCase()]) {
    return `“${t.country}” is not a country Muster knows for phone numbers. Use a two-letter code such as DE, AT, CH or US.`;
  }
  if (t.op === "default" && t.value.trim() === "") return "A default value cannot be empty. Type the value to use when a cell is empty.";
  return undefined;
}
