import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../../web/api/client.js';
import { useHostOfficeQuery } from '../../../web/api/host-office.js';
import type { SignupSettings } from '../contract.js';
import './i18n.js';

/** Under the sign-in form: the way to a new office, where this server lets offices sign up. */
export default function SignupLink() {
  const { t } = useTranslation();
  const settings = useQuery({
    queryKey: ['offices', 'signup'],
    queryFn: () => api<SignupSettings>('/offices/signup'),
    retry: false,
    staleTime: 5 * 60_000,
  });
  // On an office's own address the sign-in belongs to that office: no sign-up offer there.
  const hostOffice = useHostOfficeQuery();
  if (!settings.isSuccess || hostOffice.isPending || hostOffice.isSuccess) return null;
  return (
    <p className="text-center text-sm">
      <Link to="/registrieren" className="font-medium text-brand hover:underline">
        {t('offices:link')}
      </Link>
    </p>
  );
}
