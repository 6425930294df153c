import { PlaceholderScreen } from "./PlaceholderScreen";
import { routeInfo, type RouteId } from "../state/routes";

/** The Plan step (issue 6); replaced by its real screen. */
export function PlanScreen({ go }: { go: (to: RouteId) => void }) {
  return <PlaceholderScreen route={routeInfo("plan")} go={go} />;
}
