import type { LanguageModel } from 'ai';
import type { TextProviderId } from '../contract.js';
import type { LanguageModelFactory, ProviderConnection } from './connection.js';

/**
 * Each provider's SDK loads with its first call, not with the server: the AI SDK and its
 * provider packages hold ~20 MB an office without AI keys never uses (issue 19).
 */
const TEXT_MODEL_LOADERS: Record<TextProviderId, () => Promise<LanguageModelFactory>> = {
  deepseek: async () => (await import('./deepseek.js')).deepseekModel,
  openai: async () => (await import('./openai.js')).openaiModel,
  gemini: async () => (await import('./gemini.js')).geminiModel,
  qwen: async () => (await import('./qwen.js')).qwenModel,
  compatible: async () => (await import('./openai-compatible.js')).compatibleModel,
};

/** The language model of a text provider's connection. */
export async function textModel(id: TextProviderId, connection: ProviderConnection): Promise<LanguageModel> {
  return (await TEXT_MODEL_LOADERS[id]())(connection);
}

type AiSdk = typeof import('ai');
let loadedSdk: AiSdk | null = null;

/** The AI SDK's calls, loaded on first use. */
export async function aiSdk(): Promise<AiSdk> {
  loadedSdk ??= await import('ai');
  return loadedSdk;
}

/** The AI SDK once a call has loaded it; before that no error can have come from it. */
export const loadedAiSdk = (): AiSdk | null => loadedSdk;
