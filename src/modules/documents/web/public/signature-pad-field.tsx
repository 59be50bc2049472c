import { useEffect, useImperativeHandle, useRef } from 'react';
import SignaturePad from 'signature_pad';

export interface PadHandle {
  isEmpty(): boolean;
  clear(): void;
  /** The drawing as a PNG data URL, cropped to the canvas, transparent background. */
  toPng(): string;
}

/** A drawing pad (signature_pad) sized for the device's pixel density. */
export function SignaturePadField({ ref, label }: { ref: React.Ref<PadHandle>; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const pad = useRef<SignaturePad | null>(null);
  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    element.width = element.offsetWidth * ratio;
    element.height = element.offsetHeight * ratio;
    element.getContext('2d')?.scale(ratio, ratio);
    pad.current = new SignaturePad(element, { penColor: '#102a6b', minWidth: 0.8, maxWidth: 2.6 });
    return () => pad.current?.off();
  }, []);
  useImperativeHandle(ref, () => ({
    isEmpty: () => pad.current?.isEmpty() ?? true,
    clear: () => pad.current?.clear(),
    toPng: () => pad.current?.toDataURL('image/png') ?? '',
  }));
  return (
    <canvas
      ref={canvas}
      aria-label={label}
      data-testid="signature-pad"
      className="h-44 w-full touch-none rounded-lg bg-white ring-1 ring-inset ring-slate-300"
    />
  );
}
