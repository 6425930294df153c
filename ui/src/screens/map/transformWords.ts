// A transform in the person's words, for the pills on the Map screen and their buttons.
import type { Transform } from "../../ipc/contract";

export function transformLabel(t: Transform): string {
  switch (t.op) {
    case "trim":
      return "trim spaces";
    case "case":
      return t.to === "lower" ? "lower case" : t.to === "upper" ? "UPPER CASE" : "Title Case";
    case "split_name":
      return `${t.part} name of a full name`;
    case "date":
      return t.to === "iso" ? "date as 2024-05-31" : t.to === "day_month_year" ? "date as 31.05.2024" : "date and time";
    case "phone":
      return `phone +… (${t.country})`;
    case "default":
      return `default “${t.value}”`;
    case "map": {
      const n = Object.keys(t.values).length;
      return `map ${n} ${n === 1 ? "value" : "values"}`;
    }
  }
}

/** The transforms offered without a question, in the order of the Add transform list. */
export const SIMPLE_TRANSFORMS: { label: string; transform: Transform }[] = [
  { label: "Trim spaces", transform: { op: "trim" } },
  { label: "lower case", transform: { op: "case", to: "lower" } },
  { label: "UPPER CASE", transform: { op: "case", to: "upper" } },
  { label: "Title Case", transform: { op: "case", to: "title" } },
  { label: "First name from a full name", transform: { op: "split_name", part: "first" } },
  { label: "Last name from a full name", transform: { op: "split_name", part: "last" } },
  { label: "Date to ISO (2024-05-31)", transform: { op: "date", to: "iso" } },
  { label: "Date to DD.MM.YYYY (31.05.2024)", transform: { op: "date", to: "day_month_year" } },
];

/** Countries offered for phone numbers written without a country code. */
export const PHONE_COUNTRIES = [
  { value: "DE", label: "Germany (+49)" },
  { value: "AT", label: "Austria (+43)" },
  { value: "CH", label: "Switzerland (+41)" },
  { value: "FR", label: "France (+33)" },
  { value: "NL", label: "Netherlands (+31)" },
  { value: "GB", label: "United Kingdom (+44)" },
  { value: "US", label: "United States (+1)" },
];
