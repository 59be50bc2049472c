/** Shapes of credentials that upstream error texts echo back (OpenAI, Google, bearer headers, long tokens). */
const SECRET_SHAPES: RegExp[] = [
  /\bBearer\s+[^\s"',;]+/gi,
  /\b(?:sk|pk|rk|sess|key|api)[-_][A-Za-z0-9_-]{6,}/g,
  /\bAIza[0-9A-Za-z_-]{20,}/g,
  /\b[A-Za-z0-9_-]{32,}\b/g,
];

/**
 * Removes credentials from a text that came from outside (a provider's error message) before
 * it is stored, shown or logged: the given secrets verbatim, and anything shaped like a key.
 */
export function redactSecrets(text: string, secrets: readonly (string | null | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) if (secret && secret.length >= 4) out = out.split(secret).join('[entfernt]');
  for (const shape of SECRET_SHAPES)
    out = out.replace(shape, (match) =>
      match.toLowerCase().startsWith('bearer') ? 'Bearer [entfernt]' : '[entfernt]',
    );
  return out;
}
