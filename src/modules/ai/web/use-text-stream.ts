import { useCallback, useRef, useState } from 'react';
import { ApiError } from '../../../web/api/client.js';
import type { ComplianceResult, GenerationView, TextRequest, TextStreamEvent } from '../contract.js';

type StartEvent = Extract<TextStreamEvent, { type: 'start' }>;

export interface TextStreamState {
  running: boolean;
  text: string;
  start: StartEvent | null;
  generation: GenerationView | null;
  compliance: ComplianceResult | null;
  error: unknown;
}

const idle: TextStreamState = {
  running: false,
  text: '',
  start: null,
  generation: null,
  compliance: null,
  error: null,
};

/**
 * Posts a text request and reads the NDJSON answer line by line, so the text grows on screen
 * as the provider writes it. Refusals before the stream arrive as ordinary API errors.
 */
export function useTextStream() {
  const [state, setState] = useState<TextStreamState>(idle);
  const abort = useRef<AbortController | null>(null);

  const run = useCallback(async (request: Partial<TextRequest>) => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setState({ ...idle, running: true });
    try {
      const response = await fetch('/api/ai/generate/text', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/x-ndjson' },
        body: JSON.stringify(request),
        credentials: 'same-origin',
        signal: controller.signal,
      });
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => ({}))) as {
          error?: { code?: string; message?: string; details?: unknown };
        };
        throw new ApiError(
          response.status,
          body.error?.code ?? 'http_error',
          body.error?.message ?? response.statusText,
          body.error?.details,
        );
      }
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) {
          if (!line.trim()) continue;
          const event = JSON.parse(line) as TextStreamEvent;
          setState((s) => {
            if (event.type === 'start') return { ...s, start: event };
            if (event.type === 'delta') return { ...s, text: s.text + event.text };
            if (event.type === 'done')
              return { ...s, generation: event.generation, compliance: event.compliance };
            return { ...s, error: new ApiError(502, event.code, event.message) };
          });
        }
      }
      setState((s) => ({ ...s, running: false }));
    } catch (error) {
      if ((error as Error).name === 'AbortError') return;
      setState((s) => ({ ...s, running: false, error }));
    }
  }, []);

  const setText = useCallback((text: string) => setState((s) => ({ ...s, text })), []);
  return { ...state, run, setText };
}
