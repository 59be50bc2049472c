import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../web/components/button.js';
import { SelectField, TextField } from '../../../web/components/field.js';
import type { DocumentView } from '../contract.js';
import { DOCUMENT_CATEGORIES } from '../domain/categories.js';

/** Title, category, tags, valid-until and the confidential mark; sends only what changed. */
export function DocumentForm({
  doc,
  readOnly,
  canMarkConfidential,
  busy,
  onSubmit,
}: {
  doc: DocumentView;
  readOnly: boolean;
  canMarkConfidential: boolean;
  busy: boolean;
  onSubmit: (body: Record<string, unknown>) => void;
}) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(doc.title);
  const [category, setCategory] = useState<string>(doc.category);
  const [tags, setTags] = useState(doc.tags.join(', '));
  const [validUntil, setValidUntil] = useState(doc.validUntil ?? '');
  const [confidential, setConfidential] = useState(doc.confidential);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const nextTags = tags
      .split(',')
      .map((tag) => tag.trim())
      .filter(Boolean);
    const body: Record<string, unknown> = {};
    if (title.trim() !== doc.title) body.title = title.trim();
    if (category !== doc.category) body.category = category;
    if (nextTags.join('\u0000') !== doc.tags.join('\u0000')) body.tags = nextTags;
    if ((validUntil || null) !== doc.validUntil) body.validUntil = validUntil || null;
    if (confidential !== doc.confidential) body.confidential = confidential;
    if (Object.keys(body).length > 0) onSubmit(body);
  };

  return (
    <form onSubmit={submit} className="space-y-4">
      <fieldset disabled={readOnly} className="grid gap-4 sm:grid-cols-2">
        <div className="sm:col-span-2">
          <TextField
            label={t('documents:fields.title')}
            value={title}
            required
            maxLength={200}
            onChange={(e) => setTitle(e.target.value)}
          />
        </div>
        <SelectField
          label={t('documents:fields.category')}
          value={category}
          onChange={(e) => setCategory(e.target.value)}
          options={DOCUMENT_CATEGORIES.map((c) => ({ value: c, label: t(`documents:category.${c}`) }))}
        />
        <TextField
          label={t('documents:fields.validUntil')}
          type="date"
          value={validUntil}
          hint={t('documents:fields.validUntilHint')}
          onChange={(e) => setValidUntil(e.target.value)}
        />
        <div className="sm:col-span-2">
          <TextField
            label={t('documents:fields.tags')}
            value={tags}
            hint={t('documents:fields.tagsHint')}
            onChange={(e) => setTags(e.target.value)}
          />
        </div>
        {canMarkConfidential ? (
          <label className="flex items-center gap-2 text-sm text-slate-700 sm:col-span-2">
            <input
              type="checkbox"
              checked={confidential}
              onChange={(e) => setConfidential(e.target.checked)}
            />
            {t('documents:fields.confidential')}
          </label>
        ) : null}
      </fieldset>
      {readOnly ? null : (
        <Button type="submit" loading={busy}>
          {t('documents:save')}
        </Button>
      )}
    </form>
  );
}
