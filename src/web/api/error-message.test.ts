import { describe, expect, it } from 'vitest';
import '../../modules/crm/web/i18n.js';
import { i18n } from '../i18n/index.js';
import { ApiError } from './client.js';
import { errorMessage } from './error-message.js';

const validation = (issues: { path: string; message: string }[]) =>
  new ApiError(400, 'validation_failed', 'Invalid body.', { issues });

describe('validation errors in broker words (issue 18.10)', () => {
  it('names the field by its German label, never its API name', async () => {
    await i18n.changeLanguage('de');
    const t = i18n.t.bind(i18n);
    expect(
      errorMessage(validation([{ path: 'body.livingArea', message: 'muss größer als 0 sein' }]), t),
    ).toBe('Wohnfläche (m²): muss größer als 0 sein');
    expect(
      errorMessage(validation([{ path: 'body.endsAt', message: 'muss nach dem Beginn liegen' }]), t),
    ).toBe('Ende: muss nach dem Beginn liegen');
  });

  it('leaves out a field it has no label for instead of showing the key', async () => {
    await i18n.changeLanguage('de');
    const text = errorMessage(
      validation([{ path: 'body.someInternalKey', message: 'ist ungültig' }]),
      i18n.t.bind(i18n),
    );
    expect(text).toBe('ist ungültig');
  });
});
