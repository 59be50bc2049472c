import type { TextProviderId } from '../contract.js';
import type { LanguageModelFactory } from './connection.js';
import { deepseekModel } from './deepseek.js';
import { geminiModel } from './gemini.js';
import { openaiModel } from './openai.js';
import { compatibleModel } from './openai-compatible.js';
import { qwenModel } from './qwen.js';

export const TEXT_MODELS: Record<TextProviderId, LanguageModelFactory> = {
  deepseek: deepseekModel,
  openai: openaiModel,
  gemini: geminiModel,
  qwen: qwenModel,
  compatible: compatibleModel,
};
