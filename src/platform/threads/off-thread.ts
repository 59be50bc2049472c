import type { Worker } from 'node:worker_threads';
import { siblingModule } from './module-url.js';
import { startWorker } from './start-worker.js';
import { toBuffers } from './to-buffers.js';

/** An error thrown on the other thread, with its class name and own fields (e.g. `code`). */
export class OffThreadError extends Error {
  constructor(
    readonly originalName: string,
    message: string,
    readonly fields: Record<string, unknown>,
  ) {
    super(message);
  }
}

interface Failure {
  name: string;
  message: string;
  stack?: string;
  fields: Record<string, unknown>;
}
interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  onProgress: (...args: unknown[]) => unknown;
}

/** A module's thread is ended after this long without work, giving its memory back. */
const IDLE_MS = 30_000;

/** One thread per task module, started on first use and ended when idle. */
class TaskThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | null = null;
  private dead = false;

  constructor(
    moduleUrl: URL,
    private readonly onExit: () => void,
  ) {
    this.worker = startWorker(siblingModule(import.meta.url, './off-thread-entry'), {
      moduleUrl: moduleUrl.href,
    });
    this.worker.on(
      'message',
      (message: { id: number; progress?: unknown[]; result?: unknown; error?: Failure }) => {
        const waiting = this.pending.get(message.id);
        if (!waiting) return;
        if (message.progress) {
          void Promise.resolve(waiting.onProgress(...message.progress)).catch(() => undefined);
          return;
        }
        this.pending.delete(message.id);
        if (message.error) {
          const error = new OffThreadError(message.error.name, message.error.message, message.error.fields);
          if (message.error.stack) error.stack = message.error.stack;
          waiting.reject(error);
        } else waiting.resolve(toBuffers(message.result));
        this.scheduleIdle();
      },
    );
    const fail = (error: Error) => {
      this.dead = true;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
      this.onExit();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) =>
      fail(new Error(`Der Hintergrund-Thread endete unerwartet (Code ${code}).`)),
    );
  }

  get alive(): boolean {
    return !this.dead;
  }

  run(exportName: string, input: unknown, onProgress: Pending['onProgress']): Promise<unknown> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    this.worker.ref();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress });
      this.worker.postMessage({ id, exportName, input });
    });
  }

  private scheduleIdle(): void {
    if (this.pending.size > 0 || this.idleTimer) return;
    // An idle task thread must not keep a finished process (a CLI, a test run) alive.
    this.worker.unref();
    this.idleTimer = setTimeout(() => {
      if (this.pending.size === 0) void this.worker.terminate();
    }, IDLE_MS);
    this.idleTimer.unref();
  }
}

const threads = new Map<string, TaskThread>();

/**
 * Runs `exportName(input, progress)` of `moduleUrl` off the server's event loop (issue 19):
 * reading a floor plan, rendering and OCR-ing a scanned PDF or starting ffmpeg from the big
 * server process held the loop for 0.05–0.7 s at a time, stalling every request meanwhile.
 * Each module gets one thread, started on first use (it loads what the work needs: image
 * libraries, OCR models) and ended after half a minute without work, which gives that memory back.
 *
 * Input and result cross the thread boundary by structured cloning (Buffers arrive as Buffers);
 * progress calls are forwarded; a thrown error arrives as OffThreadError with the original
 * class name and fields, for the caller to turn back into its own error type.
 */
export function runOffThread<T>(
  moduleUrl: URL,
  exportName: string,
  input: unknown,
  onProgress: (...args: never[]) => unknown = () => undefined,
): Promise<T> {
  const key = moduleUrl.href;
  let thread = threads.get(key);
  if (!thread?.alive) {
    const created: TaskThread = new TaskThread(moduleUrl, () => {
      if (threads.get(key) === created) threads.delete(key);
    });
    thread = created;
    threads.set(key, thread);
  }
  return thread.run(exportName, input, onProgress as Pending['onProgress']) as Promise<T>;
}
