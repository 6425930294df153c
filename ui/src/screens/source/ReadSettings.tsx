import { Group, NumberInput, Select, Stack, Text } from "@mantine/core";
import type { ReadOptions, SheetInfo } from "../../ipc/contract";
import { GuessedField } from "./GuessedField";

// The encodings a spreadsheet export is usually in; the guessed one is added if missing.
const ENCODINGS = ["UTF-8", "UTF-16LE", "UTF-16BE", "windows-1252", "ISO-8859-1", "ISO-8859-15", "macintosh"];
const DELIMITERS = [
  { value: ",", label: "Comma  ," },
  { value: ";", label: "Semicolon  ;" },
  { value: "tab", label: "Tab" },
  { value: "|", label: "Pipe  |" },
];
const TEXT_FORMATS = ["csv"];
const WORKBOOK_FORMATS = ["xlsx", "xls", "xlsb", "ods"];

interface Props {
  info: SheetInfo;
  busy: boolean;
  /** Re-opens the sheet with this one setting changed. */
  onChange: (patch: ReadOptions) => void;
}

export function ReadSettings({ info, busy, onChange }: Props) {
  const guessed = (key: string) => info.guessed.includes(key);
  const encodings = info.encoding && !ENCODINGS.includes(info.encoding) ? [info.encoding, ...ENCODINGS] : ENCODINGS;
  const isText = TEXT_FORMATS.includes(info.format);
  const isJson = info.format === "json";
  return (
    <Group gap="lg" align="flex-start" aria-label="How the file is read" role="group">
      {/* The format comes from the file itself, so it has no guessed mark. */}
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          Format
        </Text>
        <Text size="sm" tt="uppercase" fw={600} py={6}>
          {info.format}
        </Text>
      </Stack>
      {(isText || info.encoding) && (
        <GuessedField label="Encoding" guessed={guessed("encoding")}>
          <Select
            aria-label="Encoding"
            w={150}
            data={encodings}
            value={info.encoding ?? null}
            disabled={busy}
            allowDeselect={false}
            onChange={(v) => v && onChange({ encoding: v })}
          />
        </GuessedField>
      )}
      {isText && (
        <GuessedField label="Delimiter" guessed={guessed("delimiter")}>
          <Select
            aria-label="Delimiter"
            w={150}
            data={DELIMITERS}
            value={info.delimiter === "\t" ? "tab" : (info.delimiter ?? null)}
            disabled={busy}
            allowDeselect={false}
            onChange={(v) => v && onChange({ delimiter: v })}
          />
        </GuessedField>
      )}
      {(WORKBOOK_FORMATS.includes(info.format) || info.sheets.length > 0) && (
        <GuessedField label="Sheet" guessed={guessed("sheet")}>
          <Select
            aria-label="Sheet"
            w={180}
            data={info.sheets}
            value={info.sheet ?? null}
            disabled={busy || info.sheets.length < 2}
            allowDeselect={false}
            onChange={(v) => v && onChange({ sheet: v })}
          />
        </GuessedField>
      )}
      {!isJson && info.format !== "ndjson" && (
        <GuessedField label="Header row" guessed={guessed("header_row")}>
          <NumberInput
            aria-label="Header row"
            w={110}
            min={1}
            value={info.headerRow ?? 1}
            disabled={busy}
            // Applied on blur or Enter, so typing "12" does not re-open the file at "1".
            onBlur={(e) => {
              const n = Number(e.currentTarget.value);
              if (Number.isInteger(n) && n >= 1 && n !== info.headerRow) onChange({ headerRow: n });
            }}
            onKeyDown={(e) => {
              if (e.key === "Enter") e.currentTarget.blur();
            }}
          />
        </GuessedField>
      )}
      {isJson && (
        <GuessedField label="Records at" guessed={guessed("json_pointer")}>
          <Text size="sm" ff="monospace" py={6}>
            {info.jsonPointer || "/"}
          </Text>
        </GuessedField>
      )}
    </Group>
  );
}
