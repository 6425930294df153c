// What the person has chosen so far in this import, shared by the steps. The sheet
// itself stays in Rust; only its SheetInfo (columns, counts, guesses) lives here.
import { createContext, useContext, useMemo, useState, type ReactNode } from "react";
import type { MappingSuggestion, Policy, SheetInfo, TargetKind, UiError } from "../ipc/contract";

export interface ImportChoice {
  /** The file picked or dropped, before (or while) it is opened. */
  path?: string;
  sheet?: SheetInfo;
  /** Why the open sheet could not be read to its end (its first rows were shown). */
  sheetError?: UiError;
  /** Preselected on first run: the built-in emulators. */
  connection?: string;
  /** The first-run sample's profile file: the Map step applies it (load_profile) until the
   * person chooses a target or a template instead. */
  profilePath?: string;
  target?: TargetKind;
  mapping?: MappingSuggestion;
  /** Columns the person chose over the suggestion, by target field; null = no column. */
  personChoices?: Record<string, string | null>;
  /** The mapping as it stands after the person's changes (TOML): what Review validates
   * and the job keeps. Kept in step with `mapping.profileToml` by the Map screen. */
  profileToml?: string;
  /** What to do with people who exist at the target already (Target step). */
  policy?: Policy;
  /** The job created from this import (Plan step on), or reopened from History. */
  jobId?: number;
}

interface ImportContextValue {
  choice: ImportChoice;
  update: (patch: Partial<ImportChoice>) => void;
  /** The open sheet as read further (row count, problems); ignored for a sheet no longer open. */
  sheetRead: (info: SheetInfo) => void;
  /** The open sheet could not be read to its end. */
  sheetFailed: (sheetId: number, error: UiError) => void;
  reset: (start: ImportChoice) => void;
}

const ImportContext = createContext<ImportContextValue | null>(null);

export function ImportProvider({ children }: { children: ReactNode }) {
  const [choice, setChoice] = useState<ImportChoice>({});
  const value = useMemo<ImportContextValue>(
    () => ({
      choice,
      update: (patch) => setChoice((c) => ({ ...c, ...patch })),
      // The columns stay the same array: screens that depend on them do not refetch.
      sheetRead: (info) =>
        setChoice((c) =>
          c.sheet?.sheetId === info.sheetId
            ? { ...c, sheet: { ...c.sheet, rowCount: info.rowCount, complete: info.complete, problems: info.problems } }
            : c,
        ),
      sheetFailed: (sheetId, error) => setChoice((c) => (c.sheet?.sheetId === sheetId ? { ...c, sheetError: error } : c)),
      reset: (start) => setChoice(start),
    }),
    [choice],
  );
  return <ImportContext.Provider value={value}>{children}</ImportContext.Provider>;
}

export function useImport(): ImportContextValue {
  const value = useContext(ImportContext);
  if (!value) throw new Error("useImport outside ImportProvider");
  return value;
}
