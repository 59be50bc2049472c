// Finance on the embedded defaults: a 40-year monthly annuity schedule with yearly Sondertilgung
// through HTTP (validation, calculation, JSON of ~480 rows), and the same calculation alone.
//   npm run bench:finance
import { financingPlan } from '../src/modules/finance/domain/annuity.js';
import { percentile } from './bench-server.js';
import { startInProcess } from './in-process.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 500);
const part = {
  name: 'Bankdarlehen',
  amountCents: 45_000_000,
  nominalRatePercent: 3.8,
  repayment: { kind: 'initial_percent' as const, percent: 1 },
  fixedRateYears: 40,
  specialRepaymentCentsPerYear: 100_000,
  repaymentFreeMonths: 0,
  feesCents: 250_000,
  paymentsPerYear: 12 as const,
  startMonth: '2027-01',
};
const summary = (label: string, samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  console.log(
    `${label}: n=${sorted.length} p50=${percentile(sorted, 50).toFixed(2)} ms p95=${percentile(sorted, 95).toFixed(2)} ms`,
  );
};

const plan = financingPlan([part]);
console.log(`schedule: ${plan.parts[0]?.schedule.length} monthly payments (${plan.years.length} years)`);
const pure: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  const started = performance.now();
  financingPlan([{ ...part, nominalRatePercent: 3.8 + (i % 10) / 100 }]);
  pure.push(performance.now() - started);
}
summary('financingPlan alone', pure);

const { as, close } = await startInProcess('finance', {});
try {
  const http: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const started = performance.now();
    const res = await as('POST', '/api/finance/annuity', {
      parts: [{ ...part, nominalRatePercent: 3.8 + (i % 10) / 100 }],
    });
    if (res.statusCode !== 200) throw new Error(res.body);
    http.push(performance.now() - started);
  }
  summary('POST /api/finance/annuity (40 years monthly, Sondertilgung)', http);
} finally {
  await close();
}
