import { PSM } from 'tesseract.js';
import { createOcrWorker } from '../../../../platform/render/ocr-worker.js';

export interface PixelWord {
  text: string;
  /** Centre of the word's box, working pixels. */
  x: number;
  y: number;
}

/**
 * The words on a plan with their positions (Tesseract in sparse-text mode, German and English),
 * so rooms can be named after what is written in them; positions are given back in the
 * unscaled image's pixels. Unsure words are left out.
 */
export async function readPlanWords(image: { png: Buffer; scale: number }): Promise<PixelWord[]> {
  const worker = await createOcrWorker();
  try {
    await worker.setParameters({ tessedit_pageseg_mode: PSM.SPARSE_TEXT });
    const { data } = await worker.recognize(image.png, {}, { blocks: true, text: false });
    const words = (data.blocks ?? []).flatMap((b) =>
      b.paragraphs.flatMap((p) => p.lines.flatMap((l) => l.words)),
    );
    return words
      .filter((w) => w.confidence >= 50 && w.text.trim().length > 1)
      .map((w) => ({
        text: w.text.trim(),
        x: (w.bbox.x0 + w.bbox.x1) / 2 / image.scale,
        y: (w.bbox.y0 + w.bbox.y1) / 2 / image.scale,
      }));
  } finally {
    await worker.terminate();
  }
}
