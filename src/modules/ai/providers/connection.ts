import type { ImageModel, LanguageModel } from 'ai';

/** What an adapter needs to reach one provider for one office. */
export interface ProviderConnection {
  apiKey: string | null;
  baseUrl: string;
  model: string;
}

export type LanguageModelFactory = (connection: ProviderConnection) => LanguageModel;
export type ImageModelFactory = (connection: ProviderConnection) => ImageModel;

/** Ollama and friends accept any key; the SDK insists on one, so a placeholder goes out. */
export const keyOrPlaceholder = (apiKey: string | null) => apiKey ?? 'not-needed';
