import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * One Prometheus registry per process: what `/metrics` serves on an API and on a worker.
 * Module-level because a process has one set of counters however many platforms a test opens.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

export const httpDuration = new Histogram({
  name: 'immoxx_http_request_duration_seconds',
  help: 'HTTP request duration by route template, method and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [metricsRegistry],
});

export const jobsFinished = new Counter({
  name: 'immoxx_jobs_finished_total',
  help: 'Job tries finished in this process, by job name and outcome (completed, retrying, dead)',
  labelNames: ['job', 'status'] as const,
  registers: [metricsRegistry],
});

export const jobsActive = new Gauge({
  name: 'immoxx_jobs_active',
  help: 'Job tries running in this process now',
  labelNames: ['job'] as const,
  registers: [metricsRegistry],
});

export const jobDuration = new Histogram({
  name: 'immoxx_job_duration_seconds',
  help: 'How long a job try ran, by job name',
  labelNames: ['job'] as const,
  buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 900],
  registers: [metricsRegistry],
});
