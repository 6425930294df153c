// The mapping a file comes with: on first run the sample brings its own profile
// (`choice.profilePath`, the bundled lms-profile.toml), so the Map screen applies it to the
// open sheet (load_profile) as soon as it has a sheet and no mapping yet, instead of asking
// for a target. Choosing a target or a template sets the profile aside for this import.
import { useEffect, useRef, useState } from "react";
import type { MappingSuggestion, UiError } from "../../ipc/contract";
import { call, toUiError } from "../../ipc/invoke";
import { useImport } from "../../state/importState";
import { baseName } from "../../util/paths";

export interface ProfileMapping {
  /** The profile file's name, while there is one to apply or applied. */
  name: string | undefined;
  /** load_profile is under way. */
  loading: boolean;
  /** Why the profile could not be applied to this sheet. */
  error: UiError | undefined;
  /** The person chose another mapping: the profile is neither applied nor named again. */
  setAside: () => void;
}

export function useProfileMapping(sheetId: number | undefined, adopt: (mapping: MappingSuggestion) => void): ProfileMapping {
  const { choice, update } = useImport();
  const path = choice.profilePath;
  // What to apply now, as a key: this sheet and this profile, while nothing is mapped.
  const wanted = sheetId !== undefined && path !== undefined && choice.mapping === undefined ? `${sheetId}:${path}` : undefined;
  // Read when an answer arrives: a choice made meanwhile wins over the profile.
  const current = useRef(wanted);
  current.current = wanted;
  // Asked once per sheet and profile (effects run twice in development).
  const asked = useRef<string | undefined>(undefined);
  const [loading, setLoading] = useState<string>();
  const [failed, setFailed] = useState<{ key: string; error: UiError }>();
  const adoptRef = useRef(adopt);
  adoptRef.current = adopt;

  useEffect(() => {
    if (wanted === undefined || sheetId === undefined || path === undefined || asked.current === wanted) return;
    asked.current = wanted;
    setLoading(wanted);
    setFailed(undefined);
    call("load_profile", { sheetId, path })
      .then(
        (mapping) => {
          if (current.current === wanted) adoptRef.current(mapping);
        },
        (reason: unknown) => {
          if (current.current === wanted) setFailed({ key: wanted, error: toUiError(reason) });
        },
      )
      .finally(() => setLoading((l) => (l === wanted ? undefined : l)));
  }, [wanted, sheetId, path]);

  return {
    name: path === undefined ? undefined : baseName(path),
    loading: loading !== undefined && loading === wanted,
    error: failed !== undefined && failed.key === wanted ? failed.error : undefined,
    setAside: () => {
      current.current = undefined;
      if (path !== undefined) update({ profilePath: undefined });
    },
  };
}
