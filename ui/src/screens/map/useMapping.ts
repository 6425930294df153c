// The mapping as the Map screen changes it: every change goes to the shell
// (change_mapping) with the mapping's TOML as it stands, one after another, and its answer
// becomes both `choice.mapping` and `choice.profileToml`, so Review validates exactly what
// the table shows. A new suggestion or a loaded template replaces the mapping; answers to
// changes made before it are dropped.
import { useCallback, useRef, useState } from "react";
import type { FieldChange, MappingSuggestion, UiError } from "../../ipc/contract";
import { call, toUiError } from "../../ipc/invoke";
import { useImport } from "../../state/importState";

export interface RefusedChange {
  field: string;
  error: UiError;
  attempt: number;
}

export interface MappingChanges {
  /** Sends one field's change; changes made while one is under way wait their turn. */
  change: (change: FieldChange) => void;
  /** A new mapping from elsewhere (a suggestion, a template): it replaces the current one. */
  adopt: (mapping: MappingSuggestion | undefined) => void;
  /** The field whose change is under way. */
  pending: string | undefined;
  /** The last change the shell refused, by field; `attempt` tells one refusal from the next. */
  failed: RefusedChange | undefined;
}

export function useMapping(sheetId: number | undefined): MappingChanges {
  const { choice, update } = useImport();
  const [pending, setPending] = useState<string>();
  const [failed, setFailed] = useState<RefusedChange>();
  // What the next change starts from; kept here, not read from a render, so a change
  // queued behind another starts from that other's answer.
  const latest = useRef({
    toml: choice.profileToml ?? choice.mapping?.profileToml,
    chosen: choice.personChoices ?? {},
    generation: 0,
  });
  const queue = useRef<Promise<void>>(Promise.resolve());

  const adopt = useCallback(
    (mapping: MappingSuggestion | undefined) => {
      latest.current = { toml: mapping?.profileToml, chosen: {}, generation: latest.current.generation + 1 };
      setFailed(undefined);
      update({ mapping, profileToml: mapping?.profileToml, personChoices: {}, ...(mapping ? { target: mapping.target } : {}) });
    },
    [update],
  );

  const change = useCallback(
    (c: FieldChange) => {
      const generation = latest.current.generation;
      queue.current = queue.current.then(async () => {
        const profileToml = latest.current.toml;
        if (sheetId === undefined || profileToml === undefined || generation !== latest.current.generation) return;
        setPending(c.field);
        try {
          const answer = await call("change_mapping", { sheetId, profileToml, change: c });
          if (generation !== latest.current.generation) return;
          const chosen = c.column !== undefined ? { ...latest.current.chosen, [c.field]: c.column } : latest.current.chosen;
          latest.current = { toml: answer.profileToml, chosen, generation };
          setFailed(undefined);
          update({ mapping: answer, profileToml: answer.profileToml, personChoices: chosen });
        } catch (reason) {
          setFailed((f) => ({ field: c.field, error: toUiError(reason), attempt: (f?.attempt ?? 0) + 1 }));
        } finally {
          setPending(undefined);
        }
      });
    },
    [sheetId, update],
  );

  return { change, adopt, pending, failed };
}
