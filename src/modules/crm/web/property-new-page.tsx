import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { toast } from 'sonner';
import { api } from '../../../web/api/client.js';
import { errorMessage } from '../../../web/api/error-message.js';
import { PageHeader } from '../../../web/components/page-header.js';
import type { PropertyDetail } from '../contract.js';
import { PropertyForm } from './property-form.js';

export function PropertyNewPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      api<PropertyDetail>('/crm/properties', { method: 'POST', body }),
    onSuccess: async (created) => {
      toast.success(t('crm:properties.created'));
      await queryClient.invalidateQueries({ queryKey: ['crm', 'properties'] });
      navigate(`/objekte/${created.id}?tab=media`);
    },
    onError: (error) => toast.error(errorMessage(error, t)),
  });
  return (
    <>
      <Link to="/objekte" className="text-sm text-slate-500 hover:underline">
        ← {t('crm:properties.back')}
      </Link>
      <PageHeader title={t('crm:properties.newTitle')} />
      <PropertyForm
        submitLabel={t('crm:properties.new')}
        busy={create.isPending}
        error={create.error}
        onSubmit={(body) => create.mutate(body)}
      />
    </>
  );
}
