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
 * so rooms can be named after what is written in them, and the lines they form, for the
 * room sizes printed on the plan; positions in the unscaled image's pixels. Unsure ones are
 * left out.
 */
export async function readPlanWords(image: {
  png: Buffer;
  scale: number;
}): Promise<{ words: PixelWord[]; lines: PixelWord[] }> {
  const worker = await createOcrWorker();
  try {
    await worker.setParameters({ tessedit_pageseg_mode: PSM.SPARSE_TEXT });
    const { data } = await worker.recognize(image.png, {}, { blocks: true, text: false });
    const lines = (data.blocks ?? []).flatMap((b) => b.paragraphs.flatMap((p) => p.lines));
    const centre = (box: { x0: number; x1: number; y0: number; y1: number }) => ({
      x: (box.x0 + box.x1) / 2 / image.scale,
      y: (box.y0 + box.y1) / 2 / image.scale,
    });
    return {
      words: lines
        .flatMap((l) => l.words)
        .filter((w) => w.confidence >= 50 && w.text.trim().length > 1)
        .map((w) => ({ text: w.text.trim(), ...centre(w.bbox) })),
      // Whole lines keep "4,50 x 3,30 m" together, whose "x" alone is too short to be a word.
      lines: lines
        .filter((l) => l.confidence >= 40 && l.text.trim().length > 2)
        .map((l) => ({ text: l.text.trim(), ...centre(l.bbox) })),
    };
  } finally {
    await worker.terminate();
  }
}
