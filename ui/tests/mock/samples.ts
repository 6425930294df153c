// Where the mock shell's install keeps the bundled sample and its profile (app_info).
export const SAMPLE = "/usr/share/muster/samples/mitarbeiter-excel-de.csv";
/** The sample's own mapping, as the shell bundles it (load_profile reads it: review.ts). */
export const SAMPLE_PROFILE = "/usr/share/muster/samples/lms-profile.toml";
