import './i18n.js';
import { useQueryClient } from '@tanstack/react-query';
import { FolderOpen } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../../../web/api/session.js';
import { EmptyState } from '../../../web/components/empty-state.js';
import { LoadMore } from '../../../web/components/load-more.js';
import { QueryState } from '../../../web/components/query-state.js';
import { DataRoomCard } from './data-room-card.js';
import { DocumentDropzone, type Folder } from './document-dropzone.js';
import { DocumentTable } from './document-table.js';
import { useDocuments } from './use-documents.js';

/** The documents tab of a property or contact: drop files in, see them read and filed. */
export default function DocumentFolder(folder: Folder) {
  const { t } = useTranslation();
  const me = useMe().data;
  const queryClient = useQueryClient();
  // A folder reads 100 at a time: the data room picks from what is shown.
  const query = useDocuments(
    'propertyId' in folder ? { propertyId: folder.propertyId } : { contactId: folder.contactId },
    100,
  );
  return (
    <QueryState query={query}>
      {(list) => (
        <div className="space-y-4">
          {hasPermission(me, 'documents.write') ? (
            <DocumentDropzone
              folder={folder}
              uploadLimitBytes={list.uploadLimitBytes}
              canMarkConfidential={hasPermission(me, 'documents.confidential')}
              onUploaded={() => void queryClient.invalidateQueries({ queryKey: ['documents'] })}
            />
          ) : null}
          {list.items.length === 0 ? (
            <EmptyState icon={FolderOpen} title={t('documents:empty')} text={t('documents:emptyFolder')} />
          ) : (
            <>
              <DocumentTable items={list.items} showFolder={false} />
              <LoadMore list={query} />
            </>
          )}
          {'propertyId' in folder && hasPermission(me, 'documents.share') ? (
            <DataRoomCard propertyId={folder.propertyId} documents={list.items} />
          ) : null}
        </div>
      )}
    </QueryState>
  );
}
