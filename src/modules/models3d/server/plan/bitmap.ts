import type { PixelWall } from './detect-walls.js';

/** A binary image as plain pixels, row by row: ink where the value is above 0. */
export interface Bitmap {
  data: ArrayLike<number>;
  width: number;
  height: number;
}

/** Whether the pixel at (x, y), rounded, is ink; outside the image is paper. */
export function inkAt(image: Bitmap, x: number, y: number): boolean {
  const [px, py] = [Math.round(x), Math.round(y)];
  return (
    px >= 0 &&
    py >= 0 &&
    px < image.width &&
    py < image.height &&
    (image.data[py * image.width + px] as number) > 0
  );
}

/** Image coordinates of a point `along` a wall's length and `across` it. */
export const onWall = (wall: PixelWall, along: number, across: number): [number, number] =>
  wall.orientation === 'h' ? [along, across] : [across, along];
