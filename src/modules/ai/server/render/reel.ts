import { join } from 'node:path';
import sharp, { type OverlayOptions } from 'sharp';
import { probeVideo, runFfmpeg, type VideoProbe } from './ffmpeg.js';
import { box, shade, textLayer } from './text-layer.js';

export const REEL = { width: 1080, height: 1920, fps: 25, outroSeconds: 3 } as const;
/** Slides are prepared larger than the frame so pan and zoom do not step from pixel to pixel. */
const OVERSCAN = 1.5;

export interface ReelInput {
  photos: Buffer[];
  captions: string[];
  outro: string[];
  brandColor: string;
  secondsPerPhoto: number;
}

async function slide(photo: Buffer, file: string): Promise<void> {
  await sharp(photo, { failOn: 'error' })
    .rotate()
    .resize(Math.round(REEL.width * OVERSCAN), Math.round(REEL.height * OVERSCAN), {
      fit: 'cover',
      position: 'attention',
    })
    .jpeg({ quality: 90 })
    .toFile(file);
}

/** The caption of one slide on a transparent frame, low enough to leave the photo visible. */
async function caption(text: string, file: string): Promise<void> {
  const label = await textLayer(text, { size: 64, maxWidth: REEL.width - 160, bold: true, align: 'centre' });
  const top = REEL.height - 520 - label.height;
  const left = Math.round((REEL.width - label.width) / 2);
  const layers: OverlayOptions[] = [
    { input: shade(REEL.width, REEL.height - top + 200, 0, 0.6), top: top - 200, left: 0 },
    { input: box(label.width + 64, label.height + 40, '#000000', 28, 0.5), top: top - 20, left: left - 32 },
    { input: label.image, top, left },
  ];
  await sharp({ create: { width: REEL.width, height: REEL.height, channels: 4, background: '#00000000' } })
    .composite(layers)
    .png()
    .toFile(file);
}

async function outro(lines: string[], brandColor: string, file: string): Promise<void> {
  const [first, ...rest] = lines;
  const layers = await Promise.all([
    textLayer(first ?? '', { size: 62, maxWidth: REEL.width - 160, bold: true, align: 'centre' }),
    ...rest.map((line, i) =>
      textLayer(line, {
        size: i === 0 ? 52 : 40,
        maxWidth: REEL.width - 160,
        bold: i === 0,
        align: 'centre',
      }),
    ),
  ]);
  const total = layers.reduce((sum, l) => sum + l.height + 36, 0);
  let y = Math.round((REEL.height - total) / 2);
  const overlays: OverlayOptions[] = [
    { input: box(REEL.width - 160, 4, '#ffffff', 2, 0.6), top: y - 60, left: 80 },
  ];
  for (const layer of layers) {
    overlays.push({ input: layer.image, top: y, left: Math.round((REEL.width - layer.width) / 2) });
    y += layer.height + 36;
  }
  await sharp({ create: { width: REEL.width, height: REEL.height, channels: 3, background: brandColor } })
    .composite(overlays)
    .png()
    .toFile(file);
}

/** Zoom in on even slides, pan sideways on odd ones, so consecutive photos do not move alike. */
function motion(index: number, frames: number): string {
  const size = `s=${REEL.width}x${REEL.height}:fps=${REEL.fps}:d=${frames}`;
  return index % 2 === 0
    ? `zoompan=z='1+0.12*on/${frames}':x='iw/2-(iw/zoom/2)':y='ih/2-(ih/zoom/2)':${size}`
    : `zoompan=z='1.12':x='(iw-iw/zoom)*on/${frames}':y='ih/2-(ih/zoom/2)':${size}`;
}

/** `renderReel` in the shape `runOffThread` calls: one input object and a progress callback. */
export const renderReelTask = (
  task: { input: ReelInput; workDir: string; timeoutMs: number },
  onProgress: (share: number) => void,
) => renderReel(task.input, task.workDir, onProgress, task.timeoutMs);

/**
 * Renders the reel into `workDir/reel.mp4`: one slide per photo with pan/zoom and its caption,
 * fades between them, an outro with the office's contact, a silent AAC track (some networks
 * refuse video without audio), H.264 in MP4 with the index up front. Checked with ffprobe.
 */
export async function renderReel(
  input: ReelInput,
  workDir: string,
  onProgress: (share: number) => void,
  timeoutMs: number,
): Promise<{ file: string; probe: VideoProbe }> {
  const frames = Math.round(input.secondsPerPhoto * REEL.fps);
  const args: string[] = [];
  const filters: string[] = [];
  // One photo at a time: a camera original decodes to ~50 MB, six at once would be 300 MB.
  for (const [i, photo] of input.photos.entries()) {
    await slide(photo, join(workDir, `slide-${i}.jpg`));
    await caption(input.captions[i] ?? '', join(workDir, `caption-${i}.png`));
  }
  await outro(input.outro, input.brandColor, join(workDir, 'outro.png'));
  input.photos.forEach((_, i) => {
    args.push('-i', join(workDir, `slide-${i}.jpg`), '-i', join(workDir, `caption-${i}.png`));
    const fadeOut = Math.max(0, input.secondsPerPhoto - 0.35).toFixed(2);
    filters.push(
      `[${2 * i}:v]${motion(i, frames)},setsar=1[m${i}]`,
      `[m${i}][${2 * i + 1}:v]overlay=0:0,fade=t=in:st=0:d=0.35,fade=t=out:st=${fadeOut}:d=0.35,format=yuv420p[v${i}]`,
    );
  });
  const outroInput = 2 * input.photos.length;
  args.push(
    '-loop',
    '1',
    '-framerate',
    String(REEL.fps),
    '-t',
    String(REEL.outroSeconds),
    '-i',
    join(workDir, 'outro.png'),
  );
  filters.push(`[${outroInput}:v]setsar=1,fade=t=in:st=0:d=0.35,format=yuv420p[vo]`);
  const duration = input.photos.length * input.secondsPerPhoto + REEL.outroSeconds;
  args.push('-f', 'lavfi', '-t', String(duration), '-i', 'anullsrc=r=44100:cl=stereo');
  const segments = [...input.photos.map((_, i) => `[v${i}]`), '[vo]'].join('');
  filters.push(`${segments}concat=n=${input.photos.length + 1}:v=1:a=0[out]`);
  const file = join(workDir, 'reel.mp4');
  args.push(
    '-filter_complex',
    filters.join(';'),
    '-map',
    '[out]',
    '-map',
    `${outroInput + 1}:a`,
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-crf',
    '23',
    '-pix_fmt',
    'yuv420p',
    '-r',
    String(REEL.fps),
    '-c:a',
    'aac',
    '-b:a',
    '64k',
    '-shortest',
    '-movflags',
    '+faststart',
    '-threads',
    '2',
    '-y',
    file,
  );
  await runFfmpeg(args, { totalSeconds: duration, timeoutMs, onProgress });
  const probe = await probeVideo(file);
  return { file, probe };
}
