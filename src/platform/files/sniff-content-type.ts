import { fileTypeFromBuffer } from 'file-type';

/** The content type from the file's bytes, never the client's claim; null when not allowed. */
export async function sniffContentType(
  data: Buffer,
  allowed: readonly string[],
): Promise<{ mime: string; ext: string } | null> {
  const detected = await fileTypeFromBuffer(data);
  if (!detected || !allowed.includes(detected.mime)) return null;
  return { mime: detected.mime, ext: detected.ext };
}
