// The screens in the order of an import, then the tools beside it.
export type RouteId =
  | "start"
  | "source"
  | "map"
  | "review"
  | "target"
  | "plan"
  | "push"
  | "results"
  | "history"
  | "connections"
  | "sandbox";

export interface RouteInfo {
  id: RouteId;
  label: string;
  /** The import steps are numbered; the tools below them are not. */
  step?: number;
}

export const IMPORT_STEPS: RouteInfo[] = [
  { id: "start", label: "Start" },
  { id: "source", label: "Source", step: 1 },
  { id: "map", label: "Map", step: 2 },
  { id: "review", label: "Review", step: 3 },
  { id: "target", label: "Target", step: 4 },
  { id: "plan", label: "Plan", step: 5 },
  { id: "push", label: "Push", step: 6 },
  { id: "results", label: "Results", step: 7 },
];

export const TOOLS: RouteInfo[] = [
  { id: "history", label: "History" },
  { id: "connections", label: "Connections" },
  { id: "sandbox", label: "Sandbox" },
];

export const ALL_ROUTES: RouteInfo[] = [...IMPORT_STEPS, ...TOOLS];

export function routeInfo(id: RouteId): RouteInfo {
  // ALL_ROUTES covers every RouteId, so the fallback is never used; it keeps the type total.
  return ALL_ROUTES.find((r) => r.id === id) ?? { id, label: id };
}

export function isRouteId(value: string): value is RouteId {
  return ALL_ROUTES.some((r) => r.id === value);
}
