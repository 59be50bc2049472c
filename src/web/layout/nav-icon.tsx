import {
  Box,
  Building2,
  Calculator,
  CalendarDays,
  ChartLine,
  Contact,
  Flame,
  FolderOpen,
  Globe,
  Inbox,
  LayoutDashboard,
  ListChecks,
  type LucideIcon,
  Megaphone,
  ReceiptText,
  Route,
  ScrollText,
  Send,
  Server,
  Settings,
  Sparkles,
  SquareCheckBig,
  SquareKanban,
  Users,
} from 'lucide-react';

/** Modules name their nav icon; unknown names fall back to a neutral box. */
const ICONS: Record<string, LucideIcon> = {
  'layout-dashboard': LayoutDashboard,
  users: Users,
  'list-checks': ListChecks,
  receipt: ReceiptText,
  server: Server,
  'scroll-text': ScrollText,
  settings: Settings,
  building: Building2,
  contact: Contact,
  calendar: CalendarDays,
  megaphone: Megaphone,
  sparkles: Sparkles,
  calculator: Calculator,
  box: Box,
  folder: FolderOpen,
  kanban: SquareKanban,
  'check-square': SquareCheckBig,
  route: Route,
  globe: Globe,
  inbox: Inbox,
  send: Send,
  flame: Flame,
  'chart-line': ChartLine,
};

export function NavIcon({ name, className }: { name: string; className?: string }) {
  const Icon = ICONS[name] ?? Box;
  return <Icon className={className} aria-hidden="true" />;
}
