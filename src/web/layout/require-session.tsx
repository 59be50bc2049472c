import { Navigate, useLocation } from 'react-router';
import { type Me, useMe } from '../api/session.js';
import { QueryState } from '../components/query-state.js';

/** Renders children with the signed-in user, or sends the visitor to the sign-in page. */
export function RequireSession({ children }: { children: (me: Me) => React.ReactNode }) {
  const query = useMe();
  const location = useLocation();
  return (
    <QueryState query={query}>
      {(me) =>
        me ? (
          children(me)
        ) : (
          <Navigate
            to={`/anmelden?next=${encodeURIComponent(location.pathname + location.search)}`}
            replace
          />
        )
      }
    </QueryState>
  );
}
