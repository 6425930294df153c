import { useState } from "react";
import { Alert, Button, List, Text } from "@mantine/core";
import type { SheetProblem } from "../../ipc/contract";

const FIRST = 5;

function where(p: SheetProblem): string {
  if (p.row !== undefined && p.column) return `Row ${p.row}, column ${p.column}: `;
  if (p.row !== undefined) return `Row ${p.row}: `;
  if (p.column) return `Column ${p.column}: `;
  return "";
}

/** What the reader noticed; the first few, the rest on request (a file can have thousands). */
export function ProblemsList({ problems }: { problems: SheetProblem[] }) {
  const [all, setAll] = useState(false);
  if (problems.length === 0) return null;
  const shown = all ? problems : problems.slice(0, FIRST);
  return (
    <Alert color="orange" variant="light" title={problems.length === 1 ? "1 thing to check in this file" : `${problems.length} things to check in this file`}>
      <List size="sm" spacing={2} aria-label="Problems in the file">
        {shown.map((p, i) => (
          <List.Item key={i}>
            <Text span size="sm" fw={600}>
              {where(p)}
            </Text>
            {p.message}
          </List.Item>
        ))}
      </List>
      {problems.length > FIRST && (
        <Button variant="subtle" size="xs" mt={4} onClick={() => setAll((a) => !a)}>
          {all ? "Show fewer" : `Show all ${problems.length}`}
        </Button>
      )}
    </Alert>
  );
}
