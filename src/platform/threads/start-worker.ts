import { Worker } from 'node:worker_threads';

/**
 * Starts a worker thread on a module of this code base. A worker does not inherit the loader
 * hooks tsx registered in this thread; when the source runs as TypeScript, the worker registers
 * tsx itself before loading its module.
 */
export function startWorker(url: URL, workerData: unknown): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { workerData });
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(bootstrap, { eval: true, workerData });
}
