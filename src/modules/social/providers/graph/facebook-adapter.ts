import { ProviderError } from '../provider-error.js';
import type { AccountAccess, PublishRequest, PublishResult, SocialAdapter } from '../social-adapter.js';
import { withFreshToken } from '../with-fresh-token.js';
import type { GraphClient } from './graph-client.js';

/**
 * Facebook Pages: text and link posts to `/{page-id}/feed`; several photos are uploaded
 * unpublished to `/{page-id}/photos` and attached with `attached_media`; a single video goes
 * to `/{page-id}/videos`. (Groups cannot be posted to through the API since April 2024.)
 */
export class FacebookAdapter implements SocialAdapter {
  readonly platform = 'facebook' as const;
  constructor(private readonly graph: GraphClient) {}

  publish(account: AccountAccess, request: PublishRequest): Promise<PublishResult> {
    return withFreshToken(account, async (token) => {
      const page = account.externalId;
      if (request.format !== 'feed')
        throw new ProviderError(
          'permanent',
          'format_unsupported',
          'Reels und Stories für Facebook folgen; bitte als Feed-Beitrag senden.',
        );
      const videos = request.media.filter((m) => m.kind === 'video');
      if (videos.length > 0) {
        if (request.media.length > 1)
          throw new ProviderError(
            'permanent',
            'mixed_media',
            'Facebook: ein Video wird allein gepostet, ohne weitere Medien.',
          );
        const [video] = videos as [(typeof videos)[number]];
        const posted = await this.graph.post<{ id: string }>(
          `${page}/videos`,
          { file_url: video.url, description: request.text },
          token,
        );
        return { externalId: posted.id };
      }
      const attached: string[] = [];
      for (const photo of request.media) {
        const uploaded = await this.graph.post<{ id: string }>(
          `${page}/photos`,
          { url: photo.url, published: false, alt_text_custom: photo.altText },
          token,
        );
        attached.push(uploaded.id);
      }
      // With photos attached Facebook ignores `link`, so the link goes into the text instead.
      const message =
        attached.length > 0 && request.link && !request.text.includes(request.link)
          ? `${request.text}\n\n${request.link}`
          : request.text;
      const params: Record<string, string | undefined> = {
        message,
        link: attached.length === 0 ? request.link : undefined,
      };
      attached.forEach((id, i) => {
        params[`attached_media[${i}]`] = JSON.stringify({ media_fbid: id });
      });
      const posted = await this.graph.post<{ id: string }>(`${page}/feed`, params, token);
      return { externalId: posted.id, url: `https://www.facebook.com/${posted.id}` };
    });
  }
}
