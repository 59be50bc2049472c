import { expect } from 'vitest';
import type { TestApp, TestUser } from '../../../platform/testing/test-app.js';
import { seeblickWohnung } from '../../crm/test/fixtures.js';

const HOUR = 3_600_000;

/** What both calendar sync tests do through HTTP: call the API, plan a viewing, sync, wait. */
export function calendarTestKit(app: () => TestApp, agentOf: () => TestUser) {
  const json = async (
    user: TestUser,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
  ) => {
    const response = await app().as(user, {
      method,
      url,
      ...(payload === undefined ? {} : { payload: payload as string }),
    });
    return {
      status: response.statusCode,
      headers: response.headers,
      body: (response.body && response.headers['content-type']?.toString().includes('json')
        ? response.json()
        : null) as Record<string, unknown>,
    };
  };

  /** "Jetzt abgleichen", with every event handler before and after it finished. */
  const sync = async () => {
    await app().platform.events.drain();
    const r = await json(agentOf(), 'POST', '/api/viewings/calendar/sync');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    await app().platform.events.drain();
    return r.body as { pushed: number; moved: number; deleted: number; busy: number };
  };

  /** Polls until `probe` gives a value: pushes run as jobs, after the request has answered. */
  const until = async <T>(
    what: string,
    probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
    ms = 20_000,
  ): Promise<T> => {
    const end = Date.now() + ms;
    for (;;) {
      const value = await probe();
      if (value) return value;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  /** A viewing of the agent on a new active listing, an hour long. */
  const plan = async (startsAt: Date, contactIds: string[] = []) => {
    const agent = agentOf();
    const listing = await json(agent, 'POST', '/api/crm/properties', seeblickWohnung);
    await json(agent, 'POST', `/api/crm/properties/${listing.body.id}/status`, { status: 'aktiv' });
    const created = await json(agent, 'POST', '/api/crm/viewings', {
      propertyId: listing.body.id,
      agentId: agent.userId,
      contactIds,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + HOUR).toISOString(),
    });
    expect(created.status).toBe(201);
    return created.body.id as string;
  };

  return { json, sync, until, plan };
}
