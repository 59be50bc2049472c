import type { Logger } from 'pino';
import { detachedFromTransaction } from '../db/transaction-guard.js';
import { currentChainDepth, currentOrigin } from './causation.js';
import type { DomainEvent, EventMap, EventName } from './event-map.js';

type Handler<N extends EventName> = (event: DomainEvent<N>) => Promise<void> | void;

interface Subscription {
  name: EventName;
  module: string;
  handler: Handler<EventName>;
}

/**
 * In-process, typed publish/subscribe between modules. Emit after the transaction that
 * made the change has committed; handlers run asynchronously and one failing handler
 * never affects the emitter or the other handlers.
 */
export class EventBus {
  readonly #subscriptions: Subscription[] = [];
  readonly #pending = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  on<N extends EventName>(name: N, module: string, handler: Handler<N>): void {
    this.#subscriptions.push({ name, module, handler: handler as Handler<EventName> });
  }

  emit<N extends EventName>(
    name: N,
    tenantId: string,
    payload: EventMap[N],
    actorId: string | null = null,
  ): void {
    const event: DomainEvent<N> = {
      name,
      tenantId,
      actorId,
      payload,
      occurredAt: new Date(),
      chainDepth: currentChainDepth(),
      origin: currentOrigin(),
    };
    for (const subscription of this.#subscriptions) {
      if (subscription.name !== name) continue;
      // A handler is never part of the emitter's transaction, even when emitted from inside one.
      const run = detachedFromTransaction(async () => {
        try {
          await subscription.handler(event as DomainEvent<EventName>);
        } catch (error) {
          this.logger.error({ err: error, event: name, module: subscription.module }, 'event handler failed');
        }
      });
      this.#pending.add(run);
      void run.finally(() => this.#pending.delete(run));
    }
  }

  /** Resolves when every handler started so far has finished (shutdown, tests). */
  async drain(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }

  subscriberCount(name: EventName): number {
    return this.#subscriptions.filter((s) => s.name === name).length;
  }
}
