// The screens in the order of an import, so the navigation shows the whole flow even
// while most steps are still placeholders.
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
  /** What the placeholder says is coming, from issue 6. */
  next?: string;
}

export const IMPORT_STEPS: RouteInfo[] = [
  { id: "start", label: "Start" },
  { id: "source", label: "Source", step: 1 },
  { id: "map", label: "Map", step: 2 },
  {
    id: "review",
    label: "Review",
    step: 3,
    next: "Counts per problem, the failing cells marked with their messages, a filter to rows with problems, editing a cell in place to revalidate it, find and replace within a column, and exporting the issues.",
  },
  {
    id: "target",
    label: "Target",
    step: 4,
  },
  {
    id: "plan",
    label: "Plan",
    step: 5,
  },
  {
    id: "push",
    label: "Push",
    step: 6,
  },
  {
    id: "results",
    label: "Results",
    step: 7,
  },
];

export const TOOLS: RouteInfo[] = [
  {
    id: "history",
    label: "History",
  },
  {
    id: "connections",
    label: "Connections",
  },
  {
    id: "sandbox",
    label: "Sandbox",
  },
];

export const ALL_ROUTES: RouteInfo[] = [...IMPORT_STEPS, ...TOOLS];

export function routeInfo(id: RouteId): RouteInfo {
  // ALL_ROUTES covers every RouteId, so the fallback is never used; it keeps the type total.
  return ALL_ROUTES.find((r) => r.id === id) ?? { id, label: id };
}

export function isRouteId(value: string): value is RouteId {
  return ALL_ROUTES.some((r) => r.id === value);
}
