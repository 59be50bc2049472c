import type { Platform } from '../kernel.js';
import type { PublicPageContext } from './module-manifest.js';

/** What the enabled modules add to a public page, joined; empty when none adds anything. */
export async function publicPageAddons(platform: Platform, page: PublicPageContext): Promise<string> {
  const parts = await Promise.all(
    [...platform.moduleServers.values()].map((server) =>
      server.publicPageAddons ? server.publicPageAddons(platform, page) : '',
    ),
  );
  return parts.join('');
}

/** Puts the modules' additions right before `</body>` of a rendered page. */
export async function withPublicPageAddons(
  platform: Platform,
  html: string,
  page: PublicPageContext,
): Promise<string> {
  const addons = await publicPageAddons(platform, page);
  if (!addons) return html;
  const at = html.lastIndexOf('</body>');
  return at < 0 ? html + addons : html.slice(0, at) + addons + html.slice(at);
}
