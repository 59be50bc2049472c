import '@fontsource-variable/inter';
import './app.css';
import './i18n/index.js';
import { MutationCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Toaster } from 'sonner';
import { installGermanValidationMessages } from '../platform/validation/german-errors.js';
import { ApiError } from './api/client.js';
import { App } from './app.js';
import { MODULE_PAGES } from './module-list.js';
import { ModulePagesContext } from './module-pages.js';

installGermanValidationMessages();

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Client errors will not get better by retrying; server hiccups might.
      retry: (count, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
  mutationCache: new MutationCache({
    onError: (error) => {
      if (error instanceof ApiError && error.status === 401)
        void queryClient.invalidateQueries({ queryKey: ['me'] });
    },
  }),
});

const root = document.getElementById('root');
if (!root) throw new Error('#root missing in index.html');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <ModulePagesContext.Provider value={MODULE_PAGES}>
        <App />
      </ModulePagesContext.Provider>
      <Toaster richColors position="top-right" closeButton />
    </QueryClientProvider>
  </StrictMode>,
);
