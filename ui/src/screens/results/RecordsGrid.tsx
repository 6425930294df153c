// Each record's outcome in the shared virtual grid: windows of job_records (all records,
// or those of one outcome), the row number as in the person's file, and the target's
// code and message for a failure, wrapped whole.
import { useCallback, type ReactNode } from "react";
import { Badge, Text } from "@mantine/core";
import type { JobRecord, Outcome } from "../../ipc/contract";
import { call } from "../../ipc/invoke";
import { VirtualGrid } from "../../grid/VirtualGrid";
import { OUTCOME_COLOR, OUTCOME_WORDS } from "./outcomes";
import classes from "./RecordsGrid.module.css";

/** A record as the grid shows it: numbered by its row in the source file. */
type RecordRow = JobRecord & { number: number };

interface Column {
  title: string;
  width: number;
  render: (r: JobRecord) => ReactNode;
}

const COLUMNS: Column[] = [
  { title: "Identifier", width: 250, render: (r) => r.identifier },
  {
    title: "Outcome",
    width: 110,
    render: (r) => (
      <Badge size="sm" variant="light" color={OUTCOME_COLOR[r.outcome]}>
        {OUTCOME_WORDS[r.outcome]}
      </Badge>
    ),
  },
  { title: "Code", width: 70, render: (r) => r.code ?? "" },
  { title: "Target's message", width: 520, render: (r) => r.message ?? "" },
  { title: "Target id", width: 250, render: (r) => r.targetId ?? "" },
  { title: "Attempts", width: 80, render: (r) => String(r.attempts) },
];
const TITLES = COLUMNS.map((c) => c.title);
const WIDTHS = COLUMNS.map((c) => c.width);
const MESSAGE = TITLES.indexOf("Target's message");
const ATTEMPTS = TITLES.indexOf("Attempts");

interface Props {
  jobId: number;
  outcome: Outcome | undefined;
  /** Records in the view as the job's counts tell; each answer keeps it up to date. */
  total: number;
  /** Change it to fetch the records on screen again (a fix or a push changed them). */
  refresh: number;
  height: number | string;
}

export function RecordsGrid({ jobId, outcome, total, refresh, height }: Props) {
  const fetchWindow = useCallback(
    async (start: number, count: number) => {
      const args = { jobId, start, count };
      const answer = await call("job_records", outcome === undefined ? args : { ...args, outcome });
      return { rows: answer.records.map((r): RecordRow => ({ ...r, number: r.sourceRow })), total: answer.total };
    },
    [jobId, outcome],
  );
  const refused = (r: JobRecord) => r.outcome === "failed" || r.outcome === "held";

  return (
    <VirtualGrid<RecordRow>
      label={(n) => `Records: ${n.toLocaleString("en-US")}${outcome ? ` ${OUTCOME_WORDS[outcome]}` : ""}`}
      columns={TITLES}
      columnWidths={WIDTHS}
      wrapped={[MESSAGE]}
      total={total}
      fetchWindow={fetchWindow}
      refresh={refresh}
      height={height}
      renderCell={(row, c) => COLUMNS[c]?.render(row)}
      cellAttributes={(row, c) => {
        if (c === ATTEMPTS) return { className: classes.number };
        if (c === MESSAGE && refused(row)) return { className: classes.refused };
        return undefined;
      }}
      footer={(n) => (
        <Text size="xs" c="dimmed">
          {n === 0 ? "No records with this outcome." : `${n.toLocaleString("en-US")} records · rows as in your file`}
        </Text>
      )}
    />
  );
}
