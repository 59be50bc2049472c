/** Headline figures of a calculation as a row of tiles. */
export function ResultCards({
  items,
}: {
  items: Array<{ label: string; value: string; hint?: string; testId?: string }>;
}) {
  return (
    <dl className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
      {items.map((item) => (
        <div key={item.label} className="rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200">
          <dt className="text-xs font-medium text-slate-500">{item.label}</dt>
          <dd className="mt-1 text-lg font-semibold text-slate-900" data-testid={item.testId}>
            {item.value}
          </dd>
          {item.hint ? <dd className="text-xs text-slate-500">{item.hint}</dd> : null}
        </div>
      ))}
    </dl>
  );
}
