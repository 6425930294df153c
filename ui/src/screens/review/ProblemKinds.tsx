// Each kind of problem with how often it occurs and its first example; choosing one
// filters the grid to the rows that have it, choosing it again shows every row.
import { Badge, Group, Stack, Text, UnstyledButton } from "@mantine/core";
import type { ProblemCount } from "../../ipc/contract";
import { IssueIcon } from "./IssueIcon";
import classes from "./Review.module.css";

interface Props {
  problems: ProblemCount[];
  selected: string | undefined;
  onSelect: (code: string | undefined) => void;
}

export function ProblemKinds({ problems, selected, onSelect }: Props) {
  if (problems.length === 0) {
    return (
      <Text size="sm" c="green" role="status" style={{ flex: 1 }}>
        No problems: every record passes the target's rules.
      </Text>
    );
  }
  return (
    <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
      <Text size="xs" c="dimmed" id="problem-kinds-label">
        Problems by kind: choose one to show only its rows
      </Text>
      <div className={classes.kinds}>
        <Stack gap={2} role="group" aria-labelledby="problem-kinds-label">
          {problems.map((p) => (
            <UnstyledButton
              key={p.code}
              className={classes.kind}
              data-selected={p.code === selected || undefined}
              aria-pressed={p.code === selected}
              aria-label={`${p.code}: ${p.count} ${p.severity === "error" ? "errors" : "warnings"}. ${p.example}`}
              onClick={() => onSelect(p.code === selected ? undefined : p.code)}
            >
              <Group gap={8} wrap="nowrap">
                <IssueIcon severity={p.severity} />
                <Text size="sm" ff="monospace" fw={600} style={{ flex: "none" }}>
                  {p.code}
                </Text>
                <Badge size="sm" variant="light" color={p.severity === "error" ? "red" : "orange"} style={{ flex: "none" }}>
                  {p.count.toLocaleString("en-US")}
                </Badge>
                <Text size="xs" c="dimmed" truncate="end" title={p.example} style={{ minWidth: 0, flex: 1 }}>
                  {p.example}
                </Text>
              </Group>
            </UnstyledButton>
          ))}
        </Stack>
      </div>
    </Stack>
  );
}
