// Each record's outcome, in a virtualised grid (ARIA grid roles over
// @tanstack/react-virtual): only the rows on screen exist, only their pages are fetched.
import { useEffect, useRef, useState, type ReactNode } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import { Badge, Button, Group, Text } from "@mantine/core";
import type { JobRecord, Outcome } from "../../ipc/contract";
import { ErrorNote } from "../../components/ErrorNote";
import { OUTCOME_COLOR, OUTCOME_WORDS } from "./outcomes";
import { useRecordWindows } from "./useRecordWindows";
import classes from "./RecordsGrid.module.css";

const ROW_HEIGHT = 28;

interface Column {
  title: string;
  width: number;
  render: (r: JobRecord) => ReactNode;
  className?: string;
}

const COLUMNS: Column[] = [
  { title: "Row", width: 80, render: (r) => r.sourceRow.toLocaleString("en-US"), className: classes.number },
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
  { title: "Target's message", width: 520, render: (r) => r.message ?? "", className: classes.message },
  { title: "Target id", width: 250, render: (r) => r.targetId ?? "" },
  { title: "Attempts", width: 80, render: (r) => String(r.attempts), className: classes.number },
];
const WIDTH = COLUMNS.reduce((w, c) => w + c.width, 0);

interface Props {
  jobId: number;
  outcome: Outcome | undefined;
  height: number | string;
}

export function RecordsGrid({ jobId, outcome, height }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  // The rows in view, as of the last render: the pages to fetch follow them.
  const [range, setRange] = useState({ first: 0, last: 0 });
  const { total, recordAt, error, retry } = useRecordWindows(jobId, outcome, range.first, range.last);
  const shown = total ?? 0;
  const virtual = useVirtualizer({
    count: shown,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const items = virtual.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    setRange((r) => (r.first === first && r.last === last ? r : { first, last }));
  }, [first, last]);

  return (
    <div>
      <div
        ref={scroller}
        className={classes.scroller}
        style={{ height }}
        tabIndex={0}
        role="grid"
        aria-label={`Records: ${shown.toLocaleString("en-US")}${outcome ? ` ${OUTCOME_WORDS[outcome]}` : ""}. Arrow keys and Page Up/Down scroll.`}
        aria-rowcount={shown + 1}
        aria-colcount={COLUMNS.length}
        aria-busy={total === undefined}
      >
        <div role="row" aria-rowindex={1} className={classes.header} style={{ width: WIDTH }}>
          {COLUMNS.map((c) => (
            <div role="columnheader" key={c.title} className={classes.cell} style={{ width: c.width }}>
              {c.title}
            </div>
          ))}
        </div>
        <div style={{ height: virtual.getTotalSize(), width: WIDTH, position: "relative" }}>
          {items.map((item) => {
            const record = recordAt(item.index);
            return (
              <div
                key={item.key}
                // Rows with a message wrap it whole; the virtualizer measures each row.
                ref={virtual.measureElement}
                data-index={item.index}
                role="row"
                aria-rowindex={item.index + 2}
                data-source-row={record?.sourceRow}
                data-odd={item.index % 2 === 1 || undefined}
                className={classes.row}
                style={{ minHeight: ROW_HEIGHT, top: item.start, width: WIDTH }}
              >
                {COLUMNS.map((c) => (
                  <div
                    role="gridcell"
                    key={c.title}
                    className={`${classes.cell} ${c.className ?? ""}`}
                    style={{ width: c.width }}
                    data-failed={record?.outcome === "failed" || record?.outcome === "held" || undefined}
                  >
                    {record ? c.render(record) : <span className={classes.loading} />}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
      <Text size="xs" c="dimmed" mt={4}>
        {total === undefined ? "Loading the records…" : `${shown.toLocaleString("en-US")} records · rows as in your file`}
      </Text>
      {total === 0 && (
        <Text size="sm" c="dimmed" mt="xs">
          No records with this outcome.
        </Text>
      )}
      {error && (
        <Group mt="xs" align="flex-start">
          <ErrorNote title="Some records could not be read" error={error} />
          <Button variant="default" size="xs" onClick={retry}>
            Try again
          </Button>
        </Group>
      )}
    </div>
  );
}
