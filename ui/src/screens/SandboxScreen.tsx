import { PlaceholderScreen } from "./PlaceholderScreen";
import { routeInfo, type RouteId } from "../state/routes";

/** The Sandbox step (issue 6); replaced by its real screen. */
export function SandboxScreen({ go }: { go: (to: RouteId) => void }) {
  return <PlaceholderScreen route={routeInfo("sandbox")} go={go} />;
}
