// Step 7: each record's outcome, filtered by outcome, with the target's code and message
// for each failure; exports; and retrying the failed records as they are, fixed in the
// app, or fixed in a file.
import { useEffect, useState } from "react";
import { Alert, Badge, Button, Group, Stack } from "@mantine/core";
import type { FixResult, Outcome } from "../ipc/contract";
import { useImport } from "../state/importState";
import type { RouteId } from "../state/routes";
import { ErrorNote } from "../components/ErrorNote";
import { NoJob } from "./push/NoJob";
import { useRun } from "./push/jobRuns";
import { JobTitle } from "./push/JobTitle";
import { useJob } from "./push/useJob";
import { usePushJob } from "./push/usePushJob";
import { ExportActions } from "./results/ExportActions";
import { FixEditor } from "./results/FixEditor";
import { FixOutcome } from "./results/FixOutcome";
import { OutcomeFilter } from "./results/OutcomeFilter";
import { countOf } from "./results/outcomes";
import { RecordsGrid } from "./results/RecordsGrid";
import { RetryActions } from "./results/RetryActions";

export function ResultsScreen({ go }: { go: (to: RouteId) => void }) {
  const { choice } = useImport();
  const jobId = choice.jobId;
  const { job, error, reload } = useJob(jobId);
  const push = useRun("push", jobId);
  const pushJob = usePushJob(go);
  const [outcome, setOutcome] = useState<Outcome>();
  const [fixing, setFixing] = useState(false);
  const [fixResult, setFixResult] = useState<FixResult>();
  // Bumped when records change here (a fix, a push that ended): the grid fetches the
  // records on screen anew.
  const [version, setVersion] = useState(0);
  // A push that ends while the person looks moves the counts and the records.
  const pushState = push?.state;
  useEffect(() => {
    if (pushState === "done" || pushState === "failed") {
      reload();
      setVersion((v) => v + 1);
    }
  }, [pushState, reload]);

  if (jobId === undefined) return <NoJob title="7. Results" go={go} />;

  const pushing = push?.state === "running";
  const pushNow = () => pushJob(jobId);
  const fixed = (result: FixResult) => {
    setFixResult(result);
    setVersion((v) => v + 1);
    reload();
  };

  return (
    <Stack gap="sm" maw={1240}>
      <Group justify="space-between" align="flex-start">
        <JobTitle title="7. Results" job={job}>
          {job && (
            <Badge variant="light" size="sm" ml={8}>
              {job.status}
            </Badge>
          )}
        </JobTitle>
        {job && <ExportActions job={job} />}
      </Group>

      {error && (
        <ErrorNote title="Could not read the job" error={error} onRetry={reload} />
      )}
      {pushing && (
        <Alert color="blue" variant="light" title="The push is still running" role="status">
          These are the outcomes so far.{" "}
          <Button variant="subtle" size="compact-sm" onClick={() => go("push")}>
            Watch the push
          </Button>
        </Alert>
      )}
      {job && (
        <>
          <RetryActions
            job={job}
            disabled={pushing}
            fixing={fixing}
            onFix={() => {
              setFixResult(undefined);
              setFixing((f) => !f);
            }}
            onRetried={pushNow}
            onFixedFromFile={fixed}
          />
          {fixResult && <FixOutcome result={fixResult} onPush={pushNow} />}
          {fixing ? (
            <FixEditor
              jobId={job.id}
              counts={job.counts}
              onFixed={fixed}
              onClose={() => setFixing(false)}
            />
          ) : (
            <>
              <OutcomeFilter counts={job.counts} value={outcome} onChange={setOutcome} />
              <RecordsGrid
                key={`${job.id}:${outcome ?? "all"}`}
                jobId={job.id}
                outcome={outcome}
                total={outcome ? countOf(job.counts, outcome) : job.counts.total}
                refresh={version}
                height="calc(100vh - 400px)"
              />
            </>
          )}
        </>
      )}
    </Stack>
  );
}
