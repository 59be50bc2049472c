import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { keyOrPlaceholder, type LanguageModelFactory } from './connection.js';

/** Alibaba DashScope in its OpenAI-compatible mode; usage comes in the last stream chunk. */
export const qwenModel: LanguageModelFactory = (c) =>
  createOpenAICompatible({
    name: 'qwen',
    apiKey: keyOrPlaceholder(c.apiKey),
    baseURL: c.baseUrl,
    includeUsage: true,
  })(c.model);
