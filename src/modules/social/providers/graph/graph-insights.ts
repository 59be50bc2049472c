/** The Graph API's insights shape: one entry per metric, the lifetime value in `values[0]`. */
export interface InsightsResponse {
  data: { name: string; period?: string; values?: { value: number | Record<string, number> }[] }[];
}

/** Metric name → number; metrics the platform left out (too few viewers, too new) stay absent. */
export function readInsights(response: InsightsResponse): Record<string, number> {
  const out: Record<string, number> = {};
  for (const metric of response.data ?? []) {
    const value = metric.values?.[0]?.value;
    if (typeof value === 'number') out[metric.name] = value;
  }
  return out;
}

/** Sums what is known; undefined when nothing is. */
export function sumKnown(...values: (number | undefined)[]): number | undefined {
  const known = values.filter((v): v is number => typeof v === 'number');
  return known.length ? known.reduce((a, b) => a + b, 0) : undefined;
}
