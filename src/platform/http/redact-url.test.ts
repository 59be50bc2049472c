import { describe, expect, it } from 'vitest';
import { redactUrl } from './redact-url.js';

describe('redactUrl (issue 17.5: no capability tokens in the request log)', () => {
  it('removes tokens from paths and secret query parameters, keeps ids', () => {
    expect(redactUrl('/api/documents/public/sign/Yk3J9f0aQ2rT5uV8wX1zB4cD6eF7gH0i')).toBe(
      '/api/documents/public/sign/[redacted]',
    );
    expect(
      redactUrl('/api/documents/public/data-room/AbCdEfGhIjKlMnOpQrStUvWxYz012345/files/7?grant=xyz.123'),
    ).toBe('/api/documents/public/data-room/[redacted]/files/7?grant=[redacted]');
    expect(redactUrl('/passwort-zuruecksetzen?token=abc&lang=de')).toBe(
      '/passwort-zuruecksetzen?token=[redacted]&lang=de',
    );
    expect(redactUrl('/api/social-media/oauth/callback/facebook?code=AQD123&state=s1')).toBe(
      '/api/social-media/oauth/callback/facebook?code=[redacted]&state=[redacted]',
    );
    expect(
      redactUrl(
        '/m/t1/4f9c8a7e-1b2c-4d3e-8f90-a1b2c3d4e5f6/0-1790000000-abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ.jpg',
      ),
    ).toBe('/m/t1/4f9c8a7e-1b2c-4d3e-8f90-a1b2c3d4e5f6/[redacted].jpg');
    expect(redactUrl('/api/crm/properties/4f9c8a7e-1b2c-4d3e-8f90-a1b2c3d4e5f6?page=2')).toBe(
      '/api/crm/properties/4f9c8a7e-1b2c-4d3e-8f90-a1b2c3d4e5f6?page=2',
    );
  });
});
