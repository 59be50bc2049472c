import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { keyOrPlaceholder, type LanguageModelFactory } from './connection.js';

/** Any server that speaks OpenAI's chat completions: Ollama, vLLM, LM Studio, LocalAI. */
export const compatibleModel: LanguageModelFactory = (c) =>
  createOpenAICompatible({
    name: 'compatible',
    apiKey: keyOrPlaceholder(c.apiKey),
    baseURL: c.baseUrl,
    includeUsage: true,
  })(c.model);
