import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { keyOrPlaceholder, type LanguageModelFactory } from './connection.js';

/** Gemini API (`{base}/models/{model}:streamGenerateContent?alt=sse`, `x-goog-api-key`). */
export const geminiModel: LanguageModelFactory = (c) =>
  createGoogleGenerativeAI({ apiKey: keyOrPlaceholder(c.apiKey), baseURL: c.baseUrl })(c.model);
