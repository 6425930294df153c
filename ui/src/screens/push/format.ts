// Numbers as the push and plan screens say them.

export const count = (n: number) => n.toLocaleString("en-US");

export function rateText(perSecond: number): string {
  if (perSecond <= 0) return "—";
  return `${perSecond >= 10 ? Math.round(perSecond).toLocaleString("en-US") : perSecond.toFixed(1)} records/s`;
}

export function timeLeftText(seconds: number | undefined): string {
  if (seconds === undefined) return "working it out";
  if (seconds < 60) return `about ${Math.max(1, Math.round(seconds))} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} min`;
  return `about ${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export const percent = (done: number, total: number) => (total > 0 ? Math.min(100, (done / total) * 100) : 0);

/** "1 record", "47 records". */
export const records = (n: number) => `${count(n)} ${n === 1 ? "record" : "records"}`;
