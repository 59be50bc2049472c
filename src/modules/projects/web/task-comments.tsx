import { useMutation, useQuery } from '@tanstack/react-query';
import { Paperclip } from 'lucide-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { toast } from 'sonner';
import { formatDateTime } from '../../../platform/format/format-de.js';
import type { ListPage } from '../../../platform/http/page-schema.js';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { hasPermission, useMe } from '../../../web/api/session.js';
import { Button } from '../../../web/components/button.js';
import { useMembers } from '../../crm/web/use-members.js';

interface Comment {
  id: string;
  authorName: string | null;
  body: string;
  documents: { id: string; title: string }[];
  createdAt: string;
}

/** The @word being typed at the caret, if any. */
function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const match = /(^|\s)@([\p{L}\- ]{0,30})$/u.exec(text.slice(0, caret));
  if (!match) return null;
  return { start: caret - (match[2]?.length ?? 0) - 1, query: (match[2] ?? '').toLowerCase() };
}

/**
 * Comments on a task. Typing @ offers the office's people; the picked ones are notified. A
 * document of the record's folder can be attached (linked, not copied).
 */
export function TaskComments({
  taskId,
  propertyId,
  canWrite,
}: {
  taskId: string;
  propertyId: string | null;
  canWrite: boolean;
}) {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const members = useMembers();
  const [text, setText] = useState('');
  const [mentioned, setMentioned] = useState<{ id: string; name: string }[]>([]);
  const [caret, setCaret] = useState(0);
  const [documentId, setDocumentId] = useState('');
  const input = useRef<HTMLTextAreaElement>(null);
  const comments = useQuery({
    queryKey: ['projects', 'comments', taskId],
    queryFn: () => api<{ items: Comment[] }>(`/projects/tasks/${taskId}/comments`),
  });
  const documents = useQuery({
    queryKey: ['documents', 'list', 'attach', propertyId],
    queryFn: () =>
      api<ListPage<{ id: string; title: string }>>(`/documents?propertyId=${propertyId}&pageSize=100`),
    enabled: Boolean(propertyId) && hasPermission(me, 'documents.read'),
  });
  const post = useMutation({
    mutationFn: () =>
      api<{ notified: string[] }>(`/projects/tasks/${taskId}/comments`, {
        method: 'POST',
        body: {
          body: text,
          mentionIds: mentioned.filter((m) => text.includes(`@${m.name}`)).map((m) => m.id),
          documentIds: documentId ? [documentId] : [],
        },
      }),
    onSuccess: () => {
      setText('');
      setMentioned([]);
      setDocumentId('');
      void comments.refetch();
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  const open = mentionAt(text, caret);
  const candidates = open
    ? (members.data?.items ?? [])
        .filter((m) => m.userId !== me?.user.id && m.name.toLowerCase().includes(open.query))
        .slice(0, 6)
    : [];
  const pick = (member: { userId: string; name: string }) => {
    if (!open) return;
    const next = `${text.slice(0, open.start)}@${member.name} ${text.slice(caret)}`;
    setText(next);
    setMentioned((list) => [
      ...list.filter((m) => m.id !== member.userId),
      { id: member.userId, name: member.name },
    ]);
    const position = open.start + member.name.length + 2;
    setCaret(position);
    requestAnimationFrame(() => input.current?.setSelectionRange(position, position));
    input.current?.focus();
  };
  return (
    <section>
      <h3 className="text-sm font-medium text-slate-700">{t('projects:comments')}</h3>
      <ul className="mt-2 space-y-3">
        {(comments.data?.items ?? []).map((comment) => (
          <li key={comment.id} className="rounded-lg bg-slate-50 p-3 text-sm">
            <p className="text-xs text-slate-500">
              <span className="font-semibold text-slate-700">{comment.authorName ?? '–'}</span> ·{' '}
              {formatDateTime(comment.createdAt, i18n.language)}
            </p>
            <p className="mt-1 whitespace-pre-wrap text-slate-800">{comment.body}</p>
            {comment.documents.map((doc) => (
              <Link
                key={doc.id}
                to={`/dokumente/${doc.id}`}
                className="mt-1 inline-flex items-center gap-1 text-xs text-brand hover:underline"
              >
                <Paperclip className="size-3.5" aria-hidden="true" />
                {doc.title}
              </Link>
            ))}
          </li>
        ))}
      </ul>
      {canWrite ? (
        <div className="relative mt-3 space-y-2">
          <textarea
            ref={input}
            rows={2}
            value={text}
            aria-label={t('projects:commentPlaceholder')}
            placeholder={t('projects:commentPlaceholder')}
            className="block w-full rounded-lg border-0 px-3 py-2 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand"
            onChange={(e) => {
              setText(e.target.value);
              setCaret(e.target.selectionStart);
            }}
            onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
          />
          {candidates.length > 0 ? (
            <div className="absolute z-10 w-64 rounded-lg bg-white p-1 shadow-lg ring-1 ring-slate-200">
              <p className="px-3 py-1 text-xs text-slate-500">{t('projects:mention')}</p>
              {candidates.map((member) => (
                <button
                  key={member.userId}
                  type="button"
                  className="w-full rounded-md px-3 py-1.5 text-left text-sm hover:bg-slate-100"
                  onClick={() => pick(member)}
                >
                  {member.name}
                </button>
              ))}
            </div>
          ) : null}
          <div className="flex flex-wrap items-center justify-between gap-2">
            {documents.data && documents.data.items.length > 0 ? (
              <select
                className="max-w-64 rounded-lg border-0 py-1.5 pl-3 pr-8 text-sm ring-1 ring-inset ring-slate-300"
                value={documentId}
                aria-label={t('projects:attach')}
                onChange={(e) => setDocumentId(e.target.value)}
              >
                <option value="">{t('projects:attach')}</option>
                {documents.data.items.map((doc) => (
                  <option key={doc.id} value={doc.id}>
                    {doc.title}
                  </option>
                ))}
              </select>
            ) : (
              <span />
            )}
            <Button
              variant="secondary"
              disabled={!text.trim()}
              loading={post.isPending}
              onClick={() => post.mutate()}
            >
              {t('projects:comment')}
            </Button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
