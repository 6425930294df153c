// The mark of a problem: a shape as well as a colour (a circled cross for an error, a
// triangle for a warning), so it reads without colour vision and is named for a screen reader.
import type { Severity } from "../../ipc/contract";

export function IssueIcon({ severity, size = 14 }: { severity: Severity; size?: number }) {
  const color = severity === "error" ? "var(--mantine-color-red-filled)" : "var(--mantine-color-orange-filled)";
  return (
    <svg
      role="img"
      aria-label={severity === "error" ? "Error" : "Warning"}
      width={size}
      height={size}
      viewBox="0 0 16 16"
      style={{ flex: "none", verticalAlign: "-2px", color }}
      data-icon={severity}
    >
      {severity === "error" ? (
        <>
          <circle cx="8" cy="8" r="7.5" fill="currentColor" />
          <path d="M5.2 5.2l5.6 5.6M10.8 5.2l-5.6 5.6" stroke="white" strokeWidth="1.8" strokeLinecap="round" />
        </>
      ) : (
        <>
          <path d="M8 0.8l7.4 13.4H0.6z" fill="currentColor" strokeLinejoin="round" />
          <path d="M8 5.5v4.2" stroke="white" strokeWidth="1.8" strokeLinecap="round" />
          <circle cx="8" cy="12" r="1" fill="white" />
        </>
      )}
    </svg>
  );
}

/** The worse of the issues' severities; undefined for none. */
export function worst(issues: { severity: Severity }[]): Severity | undefined {
  if (issues.some((i) => i.severity === "error")) return "error";
  return issues.length > 0 ? "warning" : undefined;
}
