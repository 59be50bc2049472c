import './i18n.js';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { formatDateTime } from '../../../platform/format/format-de.js';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { Badge } from '../../../web/components/badge.js';
import { Button } from '../../../web/components/button.js';
import { TextAreaField } from '../../../web/components/field.js';
import { Modal } from '../../../web/components/modal.js';
import { QueryState } from '../../../web/components/query-state.js';
import type { MessageDetail } from '../contract.js';

/** One mail with its conversation (received and sent, oldest first) and a reply box. */
export function MessageThread({ messageId, onClose }: { messageId: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const detail = useQuery({
    queryKey: ['inbox', 'message', messageId],
    queryFn: () => api<MessageDetail>(`/inbox/messages/${messageId}`),
  });
  // The newest mail is what the broker answers: show the end of the conversation.
  const list = useRef<HTMLOListElement>(null);
  const count = detail.data?.thread.length ?? 0;
  useEffect(() => {
    if (count && list.current) list.current.scrollTop = list.current.scrollHeight;
  }, [count]);
  return (
    <Modal open title={detail.data?.subject || t('inbox:noSubject')} onClose={onClose} wide>
      <QueryState query={detail}>
        {(m) => (
          <div className="space-y-4">
            <ol ref={list} className="max-h-[50vh] space-y-3 overflow-y-auto" aria-label={t('inbox:thread')}>
              {m.thread.map((x) => (
                <li
                  key={x.id}
                  data-direction={x.direction}
                  className={`rounded-lg border p-3 text-sm ${x.direction === 'ausgang' ? 'ml-6 border-brand/30 bg-brand/5' : 'mr-6 border-slate-200 bg-white'}`}
                >
                  <div className="mb-1 flex flex-wrap items-center justify-between gap-2 text-xs text-slate-500">
                    <span>
                      {x.direction === 'ausgang'
                        ? t('inbox:sentTo', { name: x.fromName, to: x.toAddress })
                        : x.fromName
                          ? `${x.fromName} <${x.fromAddress}>`
                          : x.fromAddress}
                    </span>
                    <span className="flex items-center gap-2">
                      {formatDateTime(x.receivedAt, i18n.language)}
                      {x.direction === 'ausgang' ? <Badge tone="brand">{t('inbox:sent')}</Badge> : null}
                    </span>
                  </div>
                  <p className="whitespace-pre-wrap break-words text-slate-800">{x.text.trim() || '—'}</p>
                </li>
              ))}
            </ol>
            <ReplyBox detail={m} />
          </div>
        )}
      </QueryState>
      <div className="mt-4 flex justify-end">
        <Button variant="ghost" onClick={onClose}>
          {t('inbox:close')}
        </Button>
      </div>
    </Modal>
  );
}

function ReplyBox({ detail }: { detail: MessageDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const send = useMutation({
    mutationFn: () =>
      api<{ id: string }>(`/inbox/messages/${detail.id}/reply`, { method: 'POST', body: { text } }),
    onSuccess: () => {
      toast.success(t('inbox:replySent'));
      setText('');
      void queryClient.invalidateQueries({ queryKey: ['inbox'] });
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  if (!detail.canReply)
    return (
      <p className="rounded-lg bg-slate-50 p-3 text-sm text-slate-600">
        {detail.replyTo ? t('inbox:noSmtp') : t('inbox:noReplyAddress')}
      </p>
    );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    send.mutate();
  };
  return (
    <form className="space-y-2" onSubmit={submit}>
      <TextAreaField
        label={t('inbox:replyLabel', { to: detail.replyTo })}
        hint={t('inbox:replyHint')}
        required
        rows={6}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <div className="flex justify-end">
        <Button type="submit" loading={send.isPending} disabled={!text.trim()}>
          {t('inbox:sendReply')}
        </Button>
      </div>
    </form>
  );
}
