import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { EventBus } from './event-bus.js';

describe('EventBus', () => {
  it('delivers typed events to every subscriber of that name only', async () => {
    const bus = new EventBus(pino({ level: 'silent' }));
    const joined = vi.fn();
    const removed = vi.fn();
    bus.on('tenant.member.joined', 'test', joined);
    bus.on('tenant.member.removed', 'test', removed);
    bus.emit('tenant.member.joined', 't1', { userId: 'u1', role: 'agent' }, 'actor');
    await bus.drain();
    expect(joined).toHaveBeenCalledWith(
      expect.objectContaining({
        name: 'tenant.member.joined',
        tenantId: 't1',
        actorId: 'actor',
        payload: { userId: 'u1', role: 'agent' },
      }),
    );
    expect(removed).not.toHaveBeenCalled();
  });

  it('isolates a failing handler from the emitter and the other handlers', async () => {
    const logger = pino({ level: 'silent' });
    const error = vi.spyOn(logger, 'error');
    const bus = new EventBus(logger);
    const healthy = vi.fn();
    bus.on('tenant.member.removed', 'broken', () => {
      throw new Error('kaputt');
    });
    bus.on('tenant.member.removed', 'healthy', healthy);
    expect(() => bus.emit('tenant.member.removed', 't1', { userId: 'u1' })).not.toThrow();
    await bus.drain();
    expect(healthy).toHaveBeenCalledTimes(1);
    expect(error).toHaveBeenCalledTimes(1);
  });
});
