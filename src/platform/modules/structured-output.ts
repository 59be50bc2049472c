import type { ZodType } from 'zod';
import type { TenantRequestContext } from '../http/access-control.js';
import type { Platform } from '../kernel.js';

export interface StructuredOutputRequest<T> {
  /** What it is for, kept in the AI history (`room_program`, say). */
  purpose: string;
  system: string;
  prompt: string;
  schema: ZodType<T>;
  schemaName: string;
}

export type StructuredOutputResult<T> =
  | { status: 'ok'; value: T; provider: string; model: string }
  /** No AI provider is set up for the office: the caller uses its offline way. */
  | { status: 'unconfigured' }
  /** Providers were asked and failed (or the budget is used up); the reason is for the user. */
  | { status: 'failed'; reason: string };

/** Answers a prompt with an object matching a JSON schema; offered by the AI module. */
export type StructuredOutput = <T>(
  platform: Platform,
  ctx: TenantRequestContext,
  request: StructuredOutputRequest<T>,
) => Promise<StructuredOutputResult<T>>;

/**
 * Asks whichever enabled module offers structured output (the AI studio), so a module like
 * 3D can use a configured language model without knowing the AI module.
 */
export async function askStructured<T>(
  platform: Platform,
  ctx: TenantRequestContext,
  request: StructuredOutputRequest<T>,
): Promise<StructuredOutputResult<T>> {
  for (const server of platform.moduleServers.values())
    if (server.structuredOutput) return server.structuredOutput(platform, ctx, request);
  return { status: 'unconfigured' };
}
