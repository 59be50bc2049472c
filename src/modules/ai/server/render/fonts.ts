import { createRequire } from 'node:module';

export { FONTS } from '../../../../platform/render/fonts.js';

const require = createRequire(import.meta.url);

/** Paths of the ffmpeg and ffprobe binaries from their npm packages. */
export const ffmpegPath: string = (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;
export const ffprobePath: string = (require('@ffprobe-installer/ffprobe') as { path: string }).path;
