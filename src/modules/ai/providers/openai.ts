import { createOpenAI } from '@ai-sdk/openai';
import { type ImageModelFactory, keyOrPlaceholder, type LanguageModelFactory } from './connection.js';

/** OpenAI chat completions (`POST {base}/chat/completions`). */
export const openaiModel: LanguageModelFactory = (c) =>
  createOpenAI({ apiKey: keyOrPlaceholder(c.apiKey), baseURL: c.baseUrl }).chat(c.model);

/** OpenAI image generation (`POST {base}/images/generations`, base64 images back). */
export const openaiImageModel: ImageModelFactory = (c) =>
  createOpenAI({ apiKey: keyOrPlaceholder(c.apiKey), baseURL: c.baseUrl }).image(c.model);
