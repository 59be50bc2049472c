import { NavLink } from 'react-router';

export interface SubNavTab {
  to: string;
  label: string;
  /** Active only on exactly this path, not on the paths below it. */
  end?: boolean;
}

/** A module's own tab row under its page header; the main menu keeps a single entry. */
export function SubNav({ label, tabs }: { label: string; tabs: SubNavTab[] }) {
  return (
    <nav aria-label={label} className="mb-5 flex gap-1 overflow-x-auto border-b border-slate-200">
      {tabs.map((tab) => (
        <NavLink
          key={tab.to}
          to={tab.to}
          end={tab.end}
          className={({ isActive }) =>
            `-mb-px shrink-0 whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium ${
              isActive ? 'border-brand text-brand' : 'border-transparent text-slate-600 hover:text-slate-900'
            }`
          }
        >
          {tab.label}
        </NavLink>
      ))}
    </nav>
  );
}
