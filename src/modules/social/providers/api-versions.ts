/**
 * The platform API versions we default to, and when the versions in use stop working.
 * Sources (checked 2026-12-03):
 * - Graph API: developers.facebook.com/docs/graph-api/changelog/versions — v26.0 released
 *   2026-07-29 (expiry not yet announced), v25.0 until 2028-07-29, v24.0 until 2028-02-18,
 *   v23.0 until 2027-10-08, v22.0 until 2027-05-20, v21.0 until 2027-01-21.
 * - LinkedIn Marketing API: learn.microsoft.com/linkedin/marketing/versioning — monthly
 *   versions, each supported at least one year; the migrations page lists the sunsets
 *   (202411 on 2025-11-17, 202603 on 2027-03-16). A retired version answers 426.
 */
export const CURRENT_GRAPH_VERSION = 'v25.0';
/** The newest LinkedIn version whose documentation we read; about one year of support ahead. */
export const CURRENT_LINKEDIN_VERSION = '202607';

const GRAPH_SUNSETS: Record<string, string> = {
  'v20.0': '2026-09-24',
  'v21.0': '2027-01-21',
  'v22.0': '2027-05-20',
  'v23.0': '2027-10-08',
  'v24.0': '2028-02-18',
  'v25.0': '2028-07-29',
};

/** LinkedIn retires a version about a year after its month (published sunsets where known). */
const LINKEDIN_PUBLISHED_SUNSETS: Record<string, string> = {
  '202411': '2025-11-17',
  '202510': '2026-10-15',
  '202511': '2026-11-16',
  '202601': '2027-01-15',
  '202602': '2027-02-15',
  '202603': '2027-03-16',
};

export function graphSunset(version: string): string | null {
  if (GRAPH_SUNSETS[version]) return GRAPH_SUNSETS[version];
  const major = Number(/^v(\d+)\./.exec(version)?.[1] ?? 0);
  // Older than the table: long gone; newer: announced later, at least two years out.
  return major > 0 && major < 20 ? '2026-05-21' : null;
}

export function linkedinSunset(version: string): string {
  const published = LINKEDIN_PUBLISHED_SUNSETS[version];
  if (published) return published;
  const year = Number(version.slice(0, 4));
  const month = version.slice(4, 6);
  return `${year + 1}-${month}-15`;
}

export interface ApiVersionWarning {
  platform: 'facebook' | 'linkedin';
  variable: 'GRAPH_API_VERSION' | 'LINKEDIN_API_VERSION';
  version: string;
  sunset: string;
  /** `retired`: calls fail now; `soon`: within the warning window. */
  level: 'retired' | 'soon';
  message: string;
}

const WARN_DAYS = 120;
const germanDate = (iso: string) =>
  new Intl.DateTimeFormat('de-DE', { timeZone: 'UTC' }).format(new Date(iso));

/** What an admin is told about the configured versions, months before they stop working. */
export function apiVersionWarnings(
  versions: { graph: string; linkedin: string },
  now = new Date(),
): ApiVersionWarning[] {
  const checks = [
    {
      platform: 'facebook' as const,
      variable: 'GRAPH_API_VERSION' as const,
      version: versions.graph,
      sunset: graphSunset(versions.graph),
      current: CURRENT_GRAPH_VERSION,
      name: 'Facebook/Instagram (Graph API)',
    },
    {
      platform: 'linkedin' as const,
      variable: 'LINKEDIN_API_VERSION' as const,
      version: versions.linkedin,
      sunset: linkedinSunset(versions.linkedin),
      current: CURRENT_LINKEDIN_VERSION,
      name: 'LinkedIn',
    },
  ];
  const warnings: ApiVersionWarning[] = [];
  for (const c of checks) {
    if (!c.sunset) continue;
    const days = (Date.parse(c.sunset) - now.getTime()) / 86_400_000;
    if (days > WARN_DAYS) continue;
    const level = days <= 0 ? 'retired' : 'soon';
    warnings.push({
      platform: c.platform,
      variable: c.variable,
      version: c.version,
      sunset: c.sunset,
      level,
      message:
        level === 'retired'
          ? `${c.name}: Die API-Version ${c.version} wird seit dem ${germanDate(c.sunset)} nicht mehr unterstützt – Beiträge schlagen fehl. ${c.variable} auf ${c.current} setzen.`
          : `${c.name}: Die API-Version ${c.version} läuft am ${germanDate(c.sunset)} aus. Rechtzeitig ${c.variable} auf ${c.current} setzen.`,
    });
  }
  return warnings;
}
