import { type ComponentType, createContext, type ReactElement, useContext } from 'react';

export interface ModuleRoute {
  path: string;
  element: ReactElement;
}

/** What the shell can load of the modules; handed in by the composition root (main.tsx). */
/** A piece of the dashboard a module contributes; it renders nothing the user may not see. */
export interface DashboardPart {
  module: string;
  load: () => Promise<{ default: ComponentType }>;
  /** The card is a fuller setup checklist: the shell's short "Erste Schritte" gives way to it. */
  replacesSetup?: boolean;
}

export interface ModulePages {
  /** Client code of each module, loaded only when the server reports the module enabled. */
  signedIn: Record<string, () => Promise<{ routes: ModuleRoute[] }>>;
  /**
   * Pages a visitor opens from a link without signing in (data rooms, signing). The server
   * answers 404 for them when their module is switched off.
   */
  publicPages: { path: string; load: () => Promise<{ default: ComponentType }> }[];
  /** Cards a module puts first on the dashboard ("Mein Tag"), shown when the user has the module. */
  dashboardCards?: DashboardPart[];
  /** Links under the sign-in form (a new office's sign-up); each renders nothing where it does not apply. */
  signInLinks?: DashboardPart[];
  /** Figures of the broker's day (new inquiries, planned posts, expiring documents), before the team's. */
  dashboardTiles?: DashboardPart[];
}

export const ModulePagesContext = createContext<ModulePages>({ signedIn: {}, publicPages: [] });

export const useModulePages = () => useContext(ModulePagesContext);
