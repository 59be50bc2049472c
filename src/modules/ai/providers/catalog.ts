import type { ConfigurableProviderId } from '../contract.js';

export interface ProviderSpec {
  id: ConfigurableProviderId;
  label: string;
  capabilities: ('text' | 'image' | 'video')[];
  defaultBaseUrl: string;
  defaultModel: string;
  models: string[];
  /** For providers that also draw images: the model used when none is chosen. */
  defaultImageModel?: string;
  keyRequired: boolean;
  docsUrl: string;
}

/** Every provider the studio can talk to, with the endpoints and models their docs name. */
export const PROVIDERS: Record<ConfigurableProviderId, ProviderSpec> = {
  deepseek: {
    id: 'deepseek',
    label: 'DeepSeek',
    capabilities: ['text'],
    defaultBaseUrl: 'https://api.deepseek.com',
    defaultModel: 'deepseek-chat',
    models: ['deepseek-chat', 'deepseek-reasoner'],
    keyRequired: true,
    docsUrl: 'https://api-docs.deepseek.com/',
  },
  openai: {
    id: 'openai',
    label: 'OpenAI',
    capabilities: ['text', 'image'],
    defaultBaseUrl: 'https://api.openai.com/v1',
    defaultModel: 'gpt-4.1-mini',
    models: ['gpt-4.1-mini', 'gpt-4.1', 'gpt-4o-mini', 'gpt-image-1', 'dall-e-3'],
    defaultImageModel: 'gpt-image-1',
    keyRequired: true,
    docsUrl: 'https://platform.openai.com/docs/api-reference',
  },
  gemini: {
    id: 'gemini',
    label: 'Google Gemini',
    capabilities: ['text'],
    defaultBaseUrl: 'https://generativelanguage.googleapis.com/v1beta',
    defaultModel: 'gemini-2.5-flash',
    models: ['gemini-2.5-flash', 'gemini-2.5-pro'],
    keyRequired: true,
    docsUrl: 'https://ai.google.dev/api',
  },
  qwen: {
    id: 'qwen',
    label: 'Alibaba Qwen (DashScope)',
    capabilities: ['text'],
    defaultBaseUrl: 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1',
    defaultModel: 'qwen-plus',
    models: ['qwen-plus', 'qwen-max', 'qwen-turbo'],
    keyRequired: true,
    docsUrl: 'https://www.alibabacloud.com/help/en/model-studio/compatibility-of-openai-with-dashscope',
  },
  compatible: {
    id: 'compatible',
    label: 'OpenAI-kompatibel (Ollama, vLLM, LM Studio)',
    capabilities: ['text'],
    defaultBaseUrl: 'http://localhost:11434/v1',
    defaultModel: 'llama3.1',
    models: [],
    keyRequired: false,
    docsUrl: 'https://github.com/ollama/ollama/blob/main/docs/openai.md',
  },
  stability: {
    id: 'stability',
    label: 'Stability AI',
    capabilities: ['image'],
    defaultBaseUrl: 'https://api.stability.ai',
    defaultModel: 'core',
    models: ['core', 'ultra', 'sd3.5-large'],
    keyRequired: true,
    docsUrl: 'https://platform.stability.ai/docs/api-reference',
  },
  runway: {
    id: 'runway',
    label: 'Runway',
    capabilities: ['video'],
    defaultBaseUrl: 'https://api.dev.runwayml.com',
    defaultModel: 'gen4_turbo',
    models: ['gen4_turbo'],
    keyRequired: true,
    docsUrl: 'https://docs.dev.runwayml.com/api/',
  },
};

/** Named by brokers often enough to deserve an answer: why they are not on the list. */
export const UNAVAILABLE_PROVIDERS = [
  {
    id: 'midjourney',
    label: 'Midjourney',
    reason: 'Midjourney bietet keine öffentliche API an; Bilder entstehen nur über Discord oder die Website.',
  },
  {
    id: 'pika',
    label: 'Pika',
    reason:
      'Pika bietet keine allgemein zugängliche öffentliche API an; Videos entstehen nur in der Pika-App.',
  },
];
