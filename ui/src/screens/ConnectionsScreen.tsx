import { PlaceholderScreen } from "./PlaceholderScreen";
import { routeInfo, type RouteId } from "../state/routes";

/** The Connections step (issue 6); replaced by its real screen. */
export function ConnectionsScreen({ go }: { go: (to: RouteId) => void }) {
  return <PlaceholderScreen route={routeInfo("connections")} go={go} />;
}
