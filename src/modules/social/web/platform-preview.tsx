import { Bookmark, Globe, Heart, MessageCircle, Music2, Send, Share2, ThumbsUp } from 'lucide-react';
import type { ReactNode } from 'react';

export interface PreviewMedia {
  kind: 'image' | 'video';
  src: string;
  altText?: string;
}

interface PreviewProps {
  platform: string;
  accountName: string;
  format: string;
  text: string;
  link?: string;
  firstComment?: string;
  media: PreviewMedia[];
}

/** How far each platform shows the text before "more" — what the reader sees without a tap. */
const FOLD = { facebook: 480, instagram: 125, linkedin: 210, tiktok: 90 } as const;

function Folded({ text, fold, more }: { text: string; fold: number; more: string }) {
  const chars = [...text];
  if (chars.length <= fold) return <span className="whitespace-pre-line">{text}</span>;
  return (
    <span className="whitespace-pre-line">
      {chars.slice(0, fold).join('').trimEnd()}… <span className="font-semibold text-slate-500">{more}</span>
    </span>
  );
}

function Avatar({ name, colour }: { name: string; colour: string }) {
  return (
    <span
      className="flex size-9 shrink-0 items-center justify-center rounded-full text-sm font-bold text-white"
      style={{ backgroundColor: colour }}
      aria-hidden="true"
    >
      {name.slice(0, 1).toUpperCase()}
    </span>
  );
}

function MediaBox({ media, aspect }: { media: PreviewMedia; aspect: string }) {
  return media.kind === 'image' ? (
    <img src={media.src} alt={media.altText ?? ''} className={`${aspect} w-full object-cover`} />
  ) : (
    <div className={`${aspect} flex w-full items-center justify-center bg-slate-800 text-sm text-white`}>
      ▶ Video
    </div>
  );
}

function FacebookGrid({ media }: { media: PreviewMedia[] }) {
  const [first, ...rest] = media;
  if (!first) return null;
  if (rest.length === 0) return <MediaBox media={first} aspect="aspect-[1.91/1]" />;
  return (
    <div className="grid grid-cols-2 gap-0.5">
      <MediaBox media={first} aspect="aspect-square" />
      <div className="grid gap-0.5">
        {rest.slice(0, 2).map((m, i) => (
          <div key={m.src} className="relative">
            <MediaBox media={m} aspect={rest.length === 1 ? 'aspect-square' : 'aspect-[2/1]'} />
            {i === 1 && rest.length > 2 ? (
              <span className="absolute inset-0 flex items-center justify-center bg-black/50 text-xl font-semibold text-white">
                +{rest.length - 2}
              </span>
            ) : null}
          </div>
        ))}
      </div>
    </div>
  );
}

function Frame({ label, children }: { label: string; children: ReactNode }) {
  return (
    <figure
      aria-label={label}
      className="overflow-hidden rounded-xl bg-white text-[13px] text-slate-900 shadow ring-1 ring-slate-200 [overflow-wrap:anywhere]"
    >
      {children}
    </figure>
  );
}

/** A look-alike of the post on its platform, so the broker sees the fold, crop and order. */
export function PlatformPreview({
  platform,
  accountName,
  format,
  text,
  link,
  firstComment,
  media,
}: PreviewProps) {
  if (platform === 'instagram')
    return (
      <Frame label={`Vorschau Instagram`}>
        <div className="flex items-center gap-2 px-3 py-2">
          <Avatar name={accountName} colour="#c13584" />
          <span className="font-semibold">{accountName}</span>
        </div>
        {media[0] ? (
          <MediaBox media={media[0]} aspect={format === 'feed' ? 'aspect-[4/5]' : 'aspect-[9/16]'} />
        ) : (
          <div className="flex aspect-square items-center justify-center bg-slate-100 text-slate-500">
            Bild fehlt
          </div>
        )}
        {media.length > 1 ? (
          <div className="flex justify-center gap-1 py-1.5" role="img" aria-label={`${media.length} Bilder`}>
            {media.slice(0, 10).map((m, i) => (
              <span
                key={m.src}
                className={`size-1.5 rounded-full ${i === 0 ? 'bg-sky-500' : 'bg-slate-300'}`}
              />
            ))}
          </div>
        ) : null}
        <div className="flex gap-3 px-3 py-2" aria-hidden="true">
          <Heart className="size-5" />
          <MessageCircle className="size-5" />
          <Send className="size-5" />
          <Bookmark className="ml-auto size-5" />
        </div>
        <p className="px-3 pb-2">
          <span className="mr-1 font-semibold">{accountName}</span>
          <Folded text={text} fold={FOLD.instagram} more="mehr" />
        </p>
        {firstComment ? (
          <p className="px-3 pb-3 text-slate-600">
            <span className="mr-1 font-semibold">{accountName}</span>
            {firstComment}
          </p>
        ) : null}
      </Frame>
    );
  if (platform === 'tiktok')
    return (
      <Frame label="Vorschau TikTok">
        <div className="relative mx-auto aspect-[9/16] max-h-[28rem] bg-black text-white">
          {media[0] ? <MediaBox media={media[0]} aspect="h-full" /> : null}
          <div className="absolute inset-x-0 bottom-0 bg-gradient-to-t from-black/80 to-transparent p-3">
            <p className="font-semibold">@{accountName.replace(/\s+/g, '').toLowerCase()}</p>
            <p className="mt-1 text-xs">
              <Folded text={text} fold={FOLD.tiktok} more="mehr" />
            </p>
            <p className="mt-1 flex items-center gap-1 text-xs opacity-80">
              <Music2 className="size-3" aria-hidden="true" /> Originalton
            </p>
          </div>
        </div>
      </Frame>
    );
  const isLinkedIn = platform === 'linkedin';
  return (
    <Frame label={`Vorschau ${isLinkedIn ? 'LinkedIn' : 'Facebook'}`}>
      <div className="flex items-center gap-2 px-3 py-2">
        <Avatar name={accountName} colour={isLinkedIn ? '#0a66c2' : '#1877f2'} />
        <div>
          <p className="font-semibold">{accountName}</p>
          <p className="flex items-center gap-1 text-xs text-slate-500">
            Jetzt · <Globe className="size-3" aria-hidden="true" />
          </p>
        </div>
      </div>
      <p className="px-3 pb-2">
        <Folded
          text={text}
          fold={isLinkedIn ? FOLD.linkedin : FOLD.facebook}
          more={isLinkedIn ? 'mehr' : 'Mehr ansehen'}
        />
      </p>
      {media.length > 0 ? (
        <FacebookGrid media={media} />
      ) : link ? (
        <div className="border-y border-slate-200 bg-slate-50 px-3 py-2">
          <p className="text-xs uppercase text-slate-500">{safeHost(link)}</p>
          <p className="truncate font-semibold">{text.split('\n')[0]}</p>
        </div>
      ) : null}
      <div
        className="flex justify-around border-t border-slate-100 py-1.5 text-xs font-semibold text-slate-600"
        aria-hidden="true"
      >
        <span className="flex items-center gap-1">
          <ThumbsUp className="size-4" /> {isLinkedIn ? 'Gefällt mir' : 'Gefällt mir'}
        </span>
        <span className="flex items-center gap-1">
          <MessageCircle className="size-4" /> Kommentieren
        </span>
        <span className="flex items-center gap-1">
          <Share2 className="size-4" /> {isLinkedIn ? 'Reposten' : 'Teilen'}
        </span>
      </div>
      {firstComment ? (
        <p className="border-t border-slate-100 px-3 py-2 text-slate-600">
          <span className="mr-1 font-semibold text-slate-900">{accountName}</span>
          {firstComment}
        </p>
      ) : null}
    </Frame>
  );
}

function safeHost(link: string): string {
  try {
    return new URL(link).host;
  } catch {
    return link;
  }
}
