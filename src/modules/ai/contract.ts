import { z } from 'zod';

/** Providers an office can configure; `offline` is the local engine and needs no configuration. */
export const TEXT_PROVIDERS = ['deepseek', 'openai', 'gemini', 'qwen', 'compatible'] as const;
export const IMAGE_PROVIDERS = ['openai', 'stability'] as const;
export const VIDEO_PROVIDERS = ['runway'] as const;
export const CONFIGURABLE_PROVIDERS = [
  'deepseek',
  'openai',
  'gemini',
  'qwen',
  'compatible',
  'stability',
  'runway',
] as const;
export type TextProviderId = (typeof TEXT_PROVIDERS)[number];
export type ConfigurableProviderId = (typeof CONFIGURABLE_PROVIDERS)[number];
export type ProviderId = ConfigurableProviderId | 'offline';

export const TEXT_TYPES = [
  'property_description',
  'social_post',
  'email_reply',
  'email_invitation',
  'email_followup',
  'blog_article',
  'market_commentary',
  'custom',
] as const;
export type TextType = (typeof TEXT_TYPES)[number];
export const IMAGE_TYPES = ['social_graphic', 'image'] as const;
export const VIDEO_TYPES = ['property_reel', 'image_to_video'] as const;
export const TONES = ['professional', 'casual', 'luxury', 'friendly'] as const;
export const LANGUAGES = ['de', 'en', 'fr', 'it'] as const;
export const LENGTHS = ['short', 'medium', 'long'] as const;
export const SOCIAL_TARGETS = ['facebook', 'instagram', 'linkedin', 'tiktok'] as const;
export const GRAPHIC_FORMATS = ['feed', 'story'] as const;
export type Tone = (typeof TONES)[number];
export type Language = (typeof LANGUAGES)[number];
export type Length = (typeof LENGTHS)[number];
export type SocialTarget = (typeof SOCIAL_TARGETS)[number];
export type GraphicFormat = (typeof GRAPHIC_FORMATS)[number];

export const textRequestSchema = z
  .object({
    type: z.enum(TEXT_TYPES),
    tone: z.enum(TONES).default('professional'),
    language: z.enum(LANGUAGES).default('de'),
    length: z.enum(LENGTHS).default('medium'),
    propertyId: z.string().uuid().optional(),
    contactId: z.string().uuid().optional(),
    platform: z.enum(SOCIAL_TARGETS).optional(),
    prompt: z.string().trim().max(4000).optional(),
    /** `offline` forces the local template engine; otherwise the office's preferred provider. */
    provider: z.enum([...TEXT_PROVIDERS, 'offline']).optional(),
    model: z.string().trim().min(1).max(120).optional(),
    /** Another phrasing of the same facts; part of the cache key, so a new variant is a new text. */
    variant: z.number().int().min(0).max(1000).default(0),
  })
  .superRefine((v, ctx) => {
    const needsProperty = ['property_description', 'social_post', 'email_invitation'].includes(v.type);
    if (needsProperty && !v.propertyId)
      ctx.addIssue({ code: 'custom', path: ['propertyId'], message: 'Bitte ein Objekt wählen.' });
    if (v.type.startsWith('email_') && !v.contactId)
      ctx.addIssue({ code: 'custom', path: ['contactId'], message: 'Bitte einen Kontakt wählen.' });
    if (v.type === 'social_post' && !v.platform)
      ctx.addIssue({ code: 'custom', path: ['platform'], message: 'Bitte eine Plattform wählen.' });
    if ((v.type === 'custom' || v.type === 'blog_article') && !v.prompt)
      ctx.addIssue({
        code: 'custom',
        path: ['prompt'],
        message: 'Bitte beschreiben, was geschrieben werden soll.',
      });
  });
export type TextRequest = z.infer<typeof textRequestSchema>;

export const imageRequestSchema = z
  .object({
    type: z.enum(IMAGE_TYPES),
    propertyId: z.string().uuid().optional(),
    /** The photo to build on; default the title photo. */
    mediaId: z.string().uuid().optional(),
    /** Social graphics come in one file per format; free images use the first format's aspect. */
    formats: z.array(z.enum(GRAPHIC_FORMATS)).min(1).max(2).default(['feed', 'story']),
    prompt: z.string().trim().max(2000).optional(),
    provider: z.enum([...IMAGE_PROVIDERS, 'offline']).optional(),
    model: z.string().trim().min(1).max(120).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.type === 'social_graphic' && !v.propertyId)
      ctx.addIssue({ code: 'custom', path: ['propertyId'], message: 'Bitte ein Objekt wählen.' });
    if (v.type === 'image' && !v.prompt)
      ctx.addIssue({ code: 'custom', path: ['prompt'], message: 'Bitte das Bild beschreiben.' });
  });
export type ImageRequest = z.infer<typeof imageRequestSchema>;

export const videoRequestSchema = z.object({
  type: z.enum(VIDEO_TYPES),
  propertyId: z.string().uuid(),
  /** Photo ids of the property, in order; default: title photo first, up to six. */
  mediaIds: z.array(z.string().uuid()).min(1).max(10).optional(),
  secondsPerPhoto: z.number().min(1).max(8).default(3),
  /** Length of a provider-made clip; Runway offers 5 or 10 seconds. */
  clipSeconds: z.union([z.literal(5), z.literal(10)]).default(5),
  prompt: z.string().trim().max(1000).optional(),
  provider: z.enum([...VIDEO_PROVIDERS, 'offline']).optional(),
  model: z.string().trim().min(1).max(120).optional(),
});
export type VideoRequest = z.infer<typeof videoRequestSchema>;

/** What a generation was asked for, kept in the history so it can be reused. */
export interface GenerationInput {
  type: string;
  tone?: Tone;
  language?: Language;
  length?: Length;
  platform?: SocialTarget;
  formats?: GraphicFormat[];
  mediaId?: string;
  prompt?: string;
  variant?: number;
  mediaIds?: string[];
  secondsPerPhoto?: number;
  clipSeconds?: number;
  /** Captions and outro of a reel, fixed when it is ordered so the job only renders. */
  reelScript?: { captions: string[]; outro: string[] };
  requestedProvider?: string;
}

export interface GenerationFile {
  key: string;
  contentType: string;
  label: string;
  sizeBytes: number;
  width?: number;
  height?: number;
  durationSeconds?: number;
}

export const findingSchema = z.object({
  code: z.string(),
  category: z.enum(['agg', 'geg', 'claim']),
  severity: z.enum(['verstoss', 'hinweis']),
  message: z.string(),
  start: z.number().int().nullable(),
  end: z.number().int().nullable(),
  excerpt: z.string().nullable(),
  suggestion: z.string(),
  /** Text that replaces [start, end) (or is appended when there is no span) to fix the finding. */
  replacement: z.string().nullable(),
});
export type Finding = z.infer<typeof findingSchema>;

export const complianceSchema = z.object({ passed: z.boolean(), findings: z.array(findingSchema) });
export type ComplianceResult = z.infer<typeof complianceSchema>;

export const generationSchema = z.object({
  id: z.string(),
  kind: z.enum(['text', 'image', 'video']),
  type: z.string(),
  provider: z.string(),
  model: z.string(),
  offline: z.boolean(),
  fallbackFrom: z.string().nullable(),
  fallbackReason: z.string().nullable(),
  status: z.enum(['laeuft', 'fertig', 'fehler']),
  input: z.record(z.string(), z.unknown()),
  prompt: z.string(),
  outputText: z.string().nullable(),
  files: z.array(
    z.object({
      url: z.string(),
      contentType: z.string(),
      label: z.string(),
      sizeBytes: z.number(),
      width: z.number().optional(),
      height: z.number().optional(),
      durationSeconds: z.number().optional(),
    }),
  ),
  propertyId: z.string().nullable(),
  propertyTitle: z.string().nullable(),
  contactId: z.string().nullable(),
  socialPostId: z.string().nullable(),
  userName: z.string().nullable(),
  tokensIn: z.number().nullable(),
  tokensOut: z.number().nullable(),
  images: z.number().nullable(),
  videoSeconds: z.number().nullable(),
  costUsd: z.number(),
  priceRef: z.string().nullable(),
  cacheHit: z.boolean(),
  durationMs: z.number().nullable(),
  error: z.string().nullable(),
  jobRunId: z.string().nullable(),
  /** Only on a running video read by id: how far its job is. */
  progress: z.object({ percent: z.number(), message: z.string().nullable() }).optional(),
  createdAt: z.string(),
});
export type GenerationView = z.infer<typeof generationSchema>;

export const budgetStateSchema = z.object({
  scope: z.string(),
  budgetUsd: z.number().nullable(),
  spentUsd: z.number(),
  ratio: z.number().nullable(),
  level: z.enum(['ok', 'warnung', 'erschoepft']),
});
export type BudgetState = z.infer<typeof budgetStateSchema>;

export const providerViewSchema = z.object({
  id: z.string(),
  label: z.string(),
  capabilities: z.array(z.enum(['text', 'image', 'video'])),
  enabled: z.boolean(),
  configured: z.boolean(),
  apiKeyLast4: z.string().nullable(),
  baseUrl: z.string(),
  defaultModel: z.string(),
  models: z.array(z.string()),
  priority: z.number(),
  monthlyBudgetUsd: z.number().nullable(),
  spentThisMonthUsd: z.number(),
  keyRequired: z.boolean(),
  docsUrl: z.string(),
  lastTest: z.object({ at: z.string(), ok: z.boolean(), message: z.string() }).nullable(),
});
export type ProviderView = z.infer<typeof providerViewSchema>;

export const providersResponseSchema = z.object({
  providers: z.array(providerViewSchema),
  unavailable: z.array(z.object({ id: z.string(), label: z.string(), reason: z.string() })),
  settings: z.object({
    monthlyBudgetUsd: z.number().nullable(),
    fallbackEnabled: z.boolean(),
    textProvider: z.string().nullable(),
    imageProvider: z.string().nullable(),
    videoProvider: z.string().nullable(),
  }),
  budgets: z.array(budgetStateSchema),
  offline: z.object({ text: z.boolean(), image: z.boolean(), video: z.boolean() }),
});
export type ProvidersResponse = z.infer<typeof providersResponseSchema>;

/** One line of the streamed text response (NDJSON). */
export type TextStreamEvent =
  | {
      type: 'start';
      generationId: string;
      provider: string;
      model: string;
      offline: boolean;
      cacheHit: boolean;
      fallbackFrom: string | null;
      budgetWarnings: BudgetState[];
    }
  | { type: 'delta'; text: string }
  | {
      type: 'done';
      generation: GenerationView;
      compliance: ComplianceResult | null;
    }
  | { type: 'error'; code: string; message: string };
