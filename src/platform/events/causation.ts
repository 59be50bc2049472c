import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * How many automation steps led to the code running now. An automation rule runs its actions
 * inside `withChainDepth(n + 1)`, so every event those actions emit carries the depth and a chain
 * of rules triggering rules stops at a limit instead of looping.
 */
const chain = new AsyncLocalStorage<number>();

export const currentChainDepth = (): number => chain.getStore() ?? 0;

export const withChainDepth = <T>(depth: number, fn: () => Promise<T>): Promise<T> => chain.run(depth, fn);

/**
 * Which outside system a change came from ("sync:<client id>", "plane:<connection id>"), so the
 * events it causes say so and an integration does not echo its own changes back to where they came from.
 */
const origins = new AsyncLocalStorage<string>();

export const currentOrigin = (): string | null => origins.getStore() ?? null;

export const withOrigin = <T>(origin: string, fn: () => Promise<T>): Promise<T> => origins.run(origin, fn);
