import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * How many automation steps led to the code running now. An automation rule runs its actions
 * inside `withChainDepth(n + 1)`, so every event those actions emit carries the depth and a chain
 * of rules triggering rules stops at a limit instead of looping.
 */
const chain = new AsyncLocalStorage<number>();

export const currentChainDepth = (): number => chain.getStore() ?? 0;

export const withChainDepth = <T>(depth: number, fn: () => Promise<T>): Promise<T> => chain.run(depth, fn);
