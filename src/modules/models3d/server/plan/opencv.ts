import { createRequire } from 'node:module';

export type OpenCv = typeof import('@techstark/opencv-js');
type Emscripten = OpenCv & { onRuntimeInitialized?: () => void };

const require = createRequire(import.meta.url);
let loading: Promise<{ cv: OpenCv }> | null = null;

/**
 * OpenCV's WASM build, compiled once per process on first use (about 0.3 s and 140 MB), not
 * at start-up: most processes never read a floor plan. The module is a thenable whose `then`
 * hands back itself, so it must never be the value a promise resolves to: it is wrapped.
 */
export function openCv(): Promise<{ cv: OpenCv }> {
  loading ??= new Promise((resolve) => {
    const before = {
      uncaughtException: process.listeners('uncaughtException'),
      unhandledRejection: process.listeners('unhandledRejection'),
    };
    const cv = require('@techstark/opencv-js') as Emscripten;
    // Emscripten installs process-wide handlers that rethrow any error with its whole 10 MB
    // source line and abort on any unhandled rejection; the server's own handling stays.
    for (const listener of process.listeners('uncaughtException'))
      if (!before.uncaughtException.includes(listener)) process.removeListener('uncaughtException', listener);
    for (const listener of process.listeners('unhandledRejection'))
      if (!before.unhandledRejection.includes(listener))
        process.removeListener('unhandledRejection', listener);
    if (typeof cv.Mat === 'function') resolve({ cv });
    else cv.onRuntimeInitialized = () => resolve({ cv });
  });
  return loading;
}
