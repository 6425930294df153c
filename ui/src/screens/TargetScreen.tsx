import { PlaceholderScreen } from "./PlaceholderScreen";
import { routeInfo, type RouteId } from "../state/routes";

/** The Target step (issue 6); replaced by its real screen. */
export function TargetScreen({ go }: { go: (to: RouteId) => void }) {
  return <PlaceholderScreen route={routeInfo("target")} go={go} />;
}
