// A hash router in a few lines: the URL says the screen (#/source), so the back key,
// reloads during development and the tests' deep links all work without a library.
import { useCallback, useSyncExternalStore } from "react";
import { isRouteId, type RouteId } from "./routes";

function readRoute(): RouteId {
  const id = window.location.hash.replace(/^#\/?/, "");
  return isRouteId(id) ? id : "start";
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
}

export function useRoute(): [RouteId, (to: RouteId) => void] {
  const route = useSyncExternalStore(subscribe, readRoute);
  const go = useCallback((to: RouteId) => {
    window.location.hash = `/${to}`;
  }, []);
  return [route, go];
}
