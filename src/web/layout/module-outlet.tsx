import { useQuery } from '@tanstack/react-query';
import { useRoutes } from 'react-router';
import type { Me } from '../api/session.js';
import { QueryState } from '../components/query-state.js';
import { type ModuleRoute, useModulePages } from '../module-pages.js';
import { NotFoundPage } from '../pages/not-found-page.js';

/** Loads the client code of the modules that are enabled for this user, then routes into it. */
export function ModuleOutlet({ me }: { me: Me }) {
  const pages = useModulePages().signedIn;
  const modules = [...new Set(me.nav.map((entry) => entry.module))].sort();
  const query = useQuery({
    queryKey: ['module-pages', modules],
    queryFn: async () => {
      const loaded = await Promise.all(modules.map((id) => pages[id]?.() ?? Promise.resolve({ routes: [] })));
      return loaded.flatMap((m) => m.routes);
    },
    staleTime: Number.POSITIVE_INFINITY,
  });
  return <QueryState query={query}>{(routes) => <ModuleRoutes routes={routes} />}</QueryState>;
}

function ModuleRoutes({ routes }: { routes: ModuleRoute[] }) {
  return useRoutes([...routes, { path: '*', element: <NotFoundPage /> }]);
}
