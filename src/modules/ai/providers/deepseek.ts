import { createDeepSeek } from '@ai-sdk/deepseek';
import { keyOrPlaceholder, type LanguageModelFactory } from './connection.js';

/** DeepSeek's chat completions API (`POST {base}/chat/completions`, bearer key). */
export const deepseekModel: LanguageModelFactory = (c) =>
  createDeepSeek({ apiKey: keyOrPlaceholder(c.apiKey), baseURL: c.baseUrl })(c.model);
