import './i18n.js';
import { useQueryClient } from '@tanstack/react-query';
import { FolderOpen, SearchX } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../../../web/api/session.js';
import { useUrlFilters } from '../../../web/api/use-url-filters.js';
import { Card } from '../../../web/components/card.js';
import { EmptyState } from '../../../web/components/empty-state.js';
import { SelectField, TextField } from '../../../web/components/field.js';
import { LoadMore } from '../../../web/components/load-more.js';
import { PageHeader } from '../../../web/components/page-header.js';
import { QueryState } from '../../../web/components/query-state.js';
import { PropertyPicker } from '../../crm/web/property-picker.js';
import { DOCUMENT_CATEGORIES } from '../domain/categories.js';
import { DocumentDropzone } from './document-dropzone.js';
import { DocumentTable } from './document-table.js';
import { RemindersPanel } from './reminders-panel.js';
import { useDocuments } from './use-documents.js';

/** Every folder at once: full-text search, category and the expiry filter live in the URL. */
export function DocumentsPage() {
  const { t } = useTranslation();
  const { params, setFilter: set } = useUrlFilters();
  const filtered = ['q', 'category', 'expiring'].some((key) => params.get(key));
  const query = useDocuments(Object.fromEntries(params));
  const me = useMe().data;
  const queryClient = useQueryClient();
  const [uploadFor, setUploadFor] = useState('');
  return (
    <>
      <PageHeader title={t('documents:title')} description={t('documents:description')} />
      <RemindersPanel />
      {hasPermission(me, 'documents.write') ? (
        <Card title={t('documents:upload.title')} className="mb-4">
          <div className="space-y-4">
            <PropertyPicker
              label={t('documents:upload.property')}
              hint={t('documents:upload.hint')}
              value={uploadFor}
              onChange={(id) => setUploadFor(id)}
            />
            {uploadFor && query.data ? (
              <DocumentDropzone
                folder={{ propertyId: uploadFor }}
                uploadLimitBytes={query.data.uploadLimitBytes}
                canMarkConfidential={hasPermission(me, 'documents.confidential')}
                onUploaded={() => void queryClient.invalidateQueries({ queryKey: ['documents'] })}
              />
            ) : null}
          </div>
        </Card>
      ) : null}
      <div className="mb-4 grid gap-4 sm:grid-cols-[2fr_1fr_auto] sm:items-end">
        <TextField
          label={t('documents:filter.search')}
          type="search"
          placeholder={t('documents:filter.searchPlaceholder')}
          defaultValue={params.get('q') ?? ''}
          onChange={(e) => set('q', e.target.value)}
        />
        <SelectField
          label={t('documents:filter.category')}
          value={params.get('category') ?? ''}
          onChange={(e) => set('category', e.target.value)}
          options={[
            { value: '', label: t('documents:filter.all') },
            ...DOCUMENT_CATEGORIES.map((c) => ({ value: c, label: t(`documents:category.${c}`) })),
          ]}
        />
        <label className="flex items-center gap-2 pb-2 text-sm text-slate-700">
          <input
            type="checkbox"
            checked={params.get('expiring') === 'true'}
            onChange={(e) => set('expiring', e.target.checked ? 'true' : '')}
          />
          {t('documents:filter.expiring')}
        </label>
      </div>
      <div className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
        <QueryState query={query}>
          {(list) =>
            list.items.length === 0 ? (
              filtered ? (
                <EmptyState icon={SearchX} title={t('documents:emptySearch')} />
              ) : (
                <EmptyState
                  icon={FolderOpen}
                  title={t('documents:empty')}
                  text={t('documents:emptyFolder')}
                />
              )
            ) : (
              <>
                <DocumentTable items={list.items} showFolder />
                <LoadMore list={query} />
              </>
            )
          }
        </QueryState>
      </div>
    </>
  );
}
