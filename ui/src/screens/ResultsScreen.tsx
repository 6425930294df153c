import { PlaceholderScreen } from "./PlaceholderScreen";
import { routeInfo, type RouteId } from "../state/routes";

/** The Results step (issue 6); replaced by its real screen. */
export function ResultsScreen({ go }: { go: (to: RouteId) => void }) {
  return <PlaceholderScreen route={routeInfo("results")} go={go} />;
}
