import { describe, expect, it } from 'vitest';
import { envSchema } from '../../../platform/config/env.js';
import { apiVersionWarnings, CURRENT_GRAPH_VERSION, CURRENT_LINKEDIN_VERSION } from './api-versions.js';

describe('platform API versions (issue 17.14)', () => {
  it('defaults to the current versions, not retired ones', () => {
    const env = envSchema.parse({});
    expect(env.GRAPH_API_VERSION).toBe(CURRENT_GRAPH_VERSION);
    expect(env.LINKEDIN_API_VERSION).toBe(CURRENT_LINKEDIN_VERSION);
    // The defaults get no warning today.
    expect(apiVersionWarnings({ graph: env.GRAPH_API_VERSION, linkedin: env.LINKEDIN_API_VERSION })).toEqual(
      [],
    );
  });

  it('warns months ahead and says what to set, per the published sunsets', () => {
    // Graph v21.0 ends on 21 January 2027 (Meta's version table); LinkedIn 202411 ended on 17 November 2025.
    const warnings = apiVersionWarnings(
      { graph: 'v21.0', linkedin: '202411' },
      new Date('2026-12-03T00:00:00Z'),
    );
    expect(warnings).toEqual([
      expect.objectContaining({ platform: 'facebook', level: 'soon', sunset: '2027-01-21' }),
      expect.objectContaining({ platform: 'linkedin', level: 'retired', sunset: '2025-11-17' }),
    ]);
    expect(warnings[0]?.message).toContain('21.1.2027');
    expect(warnings[0]?.message).toContain(`GRAPH_API_VERSION auf ${CURRENT_GRAPH_VERSION}`);
    expect(warnings[1]?.message).toContain('nicht mehr unterstützt');
  });
});
