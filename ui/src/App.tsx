import { AppShell, Group, Title } from "@mantine/core";
import { ColorSchemeToggle } from "./components/ColorSchemeToggle";
import { Navigation } from "./components/Navigation";
import { ImportProvider } from "./state/importState";
import { useRoute } from "./state/useRoute";
import { StartScreen } from "./screens/StartScreen";
import { SourceScreen } from "./screens/SourceScreen";
import { MapScreen } from "./screens/MapScreen";
import { ReviewScreen } from "./screens/ReviewScreen";
import { TargetScreen } from "./screens/TargetScreen";
import { PlanScreen } from "./screens/PlanScreen";
import { PushScreen } from "./screens/PushScreen";
import { ResultsScreen } from "./screens/ResultsScreen";
import { HistoryScreen } from "./screens/HistoryScreen";
import { ConnectionsScreen } from "./screens/ConnectionsScreen";
import { SandboxScreen } from "./screens/SandboxScreen";

export function App() {
  const [route, go] = useRoute();
  return (
    <ImportProvider>
      <AppShell header={{ height: 52 }} navbar={{ width: 210, breakpoint: 0 }} padding="md">
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between">
            <Title order={1} size="h4">
              Muster
            </Title>
            <ColorSchemeToggle />
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="xs" aria-label="Steps">
          <Navigation current={route} go={go} />
        </AppShell.Navbar>
        <AppShell.Main>
          {route === "start" && <StartScreen go={go} />}
          {route === "source" && <SourceScreen go={go} />}
          {route === "map" && <MapScreen go={go} />}
          {route === "review" && <ReviewScreen go={go} />}
          {route === "target" && <TargetScreen go={go} />}
          {route === "plan" && <PlanScreen go={go} />}
          {route === "push" && <PushScreen go={go} />}
          {route === "results" && <ResultsScreen go={go} />}
          {route === "history" && <HistoryScreen go={go} />}
          {route === "connections" && <ConnectionsScreen go={go} />}
          {route === "sandbox" && <SandboxScreen go={go} />}
        </AppShell.Main>
      </AppShell>
    </ImportProvider>
  );
}
