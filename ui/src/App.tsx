import { AppShell, Group, Title } from "@mantine/core";
import { ColorSchemeToggle } from "./components/ColorSchemeToggle";
import { Navigation } from "./components/Navigation";
import { ImportProvider } from "./state/importState";
import { useRoute } from "./state/useRoute";
import { routeInfo } from "./state/routes";
import { StartScreen } from "./screens/StartScreen";
import { SourceScreen } from "./screens/SourceScreen";
import { MapScreen } from "./screens/MapScreen";
import { PlaceholderScreen } from "./screens/PlaceholderScreen";

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
          {route !== "start" && route !== "source" && route !== "map" && (
            <PlaceholderScreen route={routeInfo(route)} go={go} />
          )}
        </AppShell.Main>
      </AppShell>
    </ImportProvider>
  );
}
