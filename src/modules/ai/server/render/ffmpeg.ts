import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { z } from 'zod';
import { ffmpegPath, ffprobePath } from './fonts.js';

const execFileAsync = promisify(execFile);

export class RenderError extends Error {
  override name = 'RenderError';
}

/**
 * Runs ffmpeg with `-progress pipe:1` and reports the share of `totalSeconds` written so far.
 * Killed after `timeoutMs`; a failure carries the last lines of ffmpeg's log, not the whole of it.
 */
export function runFfmpeg(
  args: string[],
  opts: { totalSeconds: number; timeoutMs: number; onProgress?: (share: number) => void },
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpegPath, ['-hide_banner', '-nostats', '-progress', 'pipe:1', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    let pending = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs);
    child.stderr.on('data', (chunk: Buffer) => {
      log = (log + chunk.toString()).slice(-4000);
    });
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const match = /^out_time_us=(\d+)/.exec(line);
        if (match && opts.onProgress)
          opts.onProgress(Math.min(1, Number(match[1]) / 1_000_000 / opts.totalSeconds));
      }
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new RenderError(`ffmpeg konnte nicht starten: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else if (signal === 'SIGKILL') reject(new RenderError('ffmpeg hat die Zeitgrenze überschritten.'));
      else
        reject(
          new RenderError(
            `ffmpeg ist mit Code ${code} abgebrochen: ${log.trim().split('\n').slice(-3).join(' | ')}`,
          ),
        );
    });
  });
}

const probeSchema = z.object({
  streams: z.array(
    z.object({
      codec_type: z.string(),
      codec_name: z.string(),
      width: z.number().optional(),
      height: z.number().optional(),
    }),
  ),
  format: z.object({ duration: z.string(), format_name: z.string(), size: z.string() }),
});

export interface VideoProbe {
  videoCodec: string;
  audioCodec: string | null;
  width: number;
  height: number;
  durationSeconds: number;
  sizeBytes: number;
  container: string;
}

/** What ffprobe reads from a file; throws when the file is not a playable video. */
export async function probeVideo(file: string): Promise<VideoProbe> {
  let stdout: string;
  try {
    ({ stdout } = await execFileAsync(ffprobePath, [
      '-v',
      'error',
      '-show_entries',
      'stream=codec_type,codec_name,width,height:format=duration,format_name,size',
      '-of',
      'json',
      file,
    ]));
  } catch (error) {
    throw new RenderError(`ffprobe lehnt die Datei ab: ${(error as Error).message.slice(0, 300)}`);
  }
  const probe = probeSchema.parse(JSON.parse(stdout));
  const video = probe.streams.find((s) => s.codec_type === 'video');
  if (!video?.width || !video.height) throw new RenderError('Die Datei enthält keine Videospur.');
  return {
    videoCodec: video.codec_name,
    audioCodec: probe.streams.find((s) => s.codec_type === 'audio')?.codec_name ?? null,
    width: video.width,
    height: video.height,
    durationSeconds: Number(probe.format.duration),
    sizeBytes: Number(probe.format.size),
    container: probe.format.format_name,
  };
}
