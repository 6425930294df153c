import { useEffect } from "react";
import { Button, Group, Loader, Stack, Text } from "@mantine/core";
import { useCommand } from "../ipc/useCommand";
import type { AppInfo } from "../ipc/contract";
import { useImport, type ImportChoice } from "../state/importState";
import type { RouteId } from "../state/routes";
import { ErrorNote } from "../components/ErrorNote";
import { ScreenTitle } from "../components/ScreenTitle";
import { FirstRunCard } from "./start/FirstRunCard";
import { JobsTable } from "./start/JobsTable";
import { ResumeBanner } from "./start/ResumeBanner";
import { usePushJob } from "./push/usePushJob";

/** The bundled sample, with its own mapping (applied on Map) and the sandbox as target. */
const sampleImport = (info: AppInfo): ImportChoice => ({ path: info.samplePath, profilePath: info.sampleProfilePath, connection: "sandbox" });

// A file named on the command line is opened once per run of the app, not every time the
// person comes back to Start.
let openedAtStart = false;

export function StartScreen({ go }: { go: (to: RouteId) => void }) {
  const [info] = useCommand("app_info", {});
  const [jobs, reloadJobs] = useCommand("jobs_list", {});
  const { reset } = useImport();
  // Resuming picks the job and goes straight to the push, which carries on from where it stopped.
  const resume = usePushJob(go);

  const openPath = info.state === "ready" ? info.value.openPath : undefined;
  useEffect(() => {
    if (!openPath || openedAtStart || info.state !== "ready") return;
    openedAtStart = true;
    // The bundled sample comes with its mapping and the sandbox, as the first-run offer does.
    reset(openPath === info.value.samplePath ? sampleImport(info.value) : { path: openPath });
    go("source");
  }, [openPath, info, reset, go]);

  const newImport = () => {
    reset({});
    go("source");
  };

  return (
    <Stack gap="md" maw={1100}>
      <Group justify="space-between" align="flex-start">
        <ScreenTitle>Start</ScreenTitle>
        <Button onClick={newImport}>New import</Button>
      </Group>

      {jobs.state === "ready" && <ResumeBanner jobs={jobs.value} onResume={resume} />}
      {info.state === "failed" && <ErrorNote title="Could not read the app's settings" error={info.error} />}
      {info.state === "ready" && info.value.firstRun && (
        <FirstRunCard
          info={info.value}
          onTrySample={() => {
            reset(sampleImport(info.value));
            go("source");
          }}
        />
      )}

      <Stack gap="xs">
        <Text fw={600} component="h3" m={0}>
          Recent imports
        </Text>
        {jobs.state === "loading" && <Loader size="sm" aria-label="Loading recent imports" />}
        {jobs.state === "failed" && (
          <ErrorNote title="Could not list the recent imports" error={jobs.error} onRetry={reloadJobs} />
        )}
        {jobs.state === "ready" &&
          (jobs.value.length === 0 ? (
            <Text c="dimmed">No imports yet. Start one with “New import”.</Text>
          ) : (
            <JobsTable jobs={jobs.value} />
          ))}
      </Stack>
    </Stack>
  );
}
