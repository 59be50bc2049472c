/** What the job service needs from a queue library; the engine only ever carries run ids. */
export interface EngineSendOptions {
  runAt: Date;
  attempts: number;
  backoffSeconds: number;
  /** After this a try counts as lost and the engine delivers it again. */
  timeoutSeconds: number;
}

export interface JobEngine {
  readonly kind: 'pg-boss' | 'bullmq';
  start(): Promise<void>;
  /**
   * `work` throws to make the engine retry the delivery with its exponential backoff; it gets
   * the engine's job id too, so a delivery superseded by a recovery can be told apart.
   */
  register(
    name: string,
    work: (runId: string, engineJobId: string) => Promise<void>,
    options: { concurrency: number },
  ): Promise<void>;
  send(name: string, runId: string, options: EngineSendOptions): Promise<string>;
  cancel(name: string, engineJobId: string): Promise<void>;
  stop(): Promise<void>;
}
