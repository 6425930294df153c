// The outcomes of a job's records in the person's words, with their colours and counts.
import type { JobCounts, Outcome } from "../../ipc/contract";

export const OUTCOME_WORDS: Record<Outcome, string> = {
  created: "created",
  updated: "updated",
  unchanged: "unchanged",
  skipped: "skipped",
  failed: "failed",
  held: "held back",
  pending: "pending",
};

export const OUTCOME_COLOR: Record<Outcome, string> = {
  created: "green",
  updated: "blue",
  unchanged: "gray",
  skipped: "yellow",
  failed: "red",
  held: "orange",
  pending: "gray",
};

export const OUTCOME_ORDER: Outcome[] = ["created", "updated", "unchanged", "skipped", "failed", "held", "pending"];

export function countOf(counts: JobCounts, outcome: Outcome): number {
  return outcome === "held" ? counts.heldBack : counts[outcome];
}
