import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';

/**
 * Public floor-plan data sets with ground truth, read from a local folder (`PLAN_DATA_DIR`,
 * default `.bench-data/` in the project). None of them is in the repository: their licences
 * allow research use, not redistribution in a commercial product.
 *
 * R3D (Liu et al., Rent3D, CVPR 2015; wall/opening/room masks by Zeng et al., DeepFloorplan,
 * ICCV 2019): London estate-agent plans with solid black walls, 179 train and 53 test plans
 * in DeepFloorplan's split (`r3d/train`, `r3d/test`: `<id>.jpg`, `<id>_wall.png`,
 * `<id>_close.png` doors and windows, `<id>_rooms.png` rooms by colour). Get it from the links
 * in github.com/zlzeng/DeepFloorplan `dataset/download_links.txt` (or a public mirror of
 * `dataset/newyork`). The test split is for reporting only: the reader is never tuned on it.
 */
export interface RealPlan {
  id: string;
  set: 'r3d';
  split: 'train' | 'test';
  /** How the walls are drawn: decides which targets of the benchmark apply. */
  style: 'solid' | 'hatched' | 'outline';
  image: string;
  wallMask: string;
  openingMask: string;
  roomMask: string;
}

export const planDataDir = (root: string) => process.env.PLAN_DATA_DIR ?? join(root, '.bench-data');

export function r3dPlans(dataDir: string, split: 'train' | 'test'): RealPlan[] {
  const folder = join(dataDir, 'r3d', split);
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => name.endsWith('.jpg'))
    .sort()
    .map((name) => {
      const id = name.slice(0, -'.jpg'.length);
      return {
        id,
        set: 'r3d' as const,
        split,
        style: 'solid' as const,
        image: join(folder, name),
        wallMask: join(folder, `${id}_wall.png`),
        openingMask: join(folder, `${id}_close.png`),
        roomMask: join(folder, `${id}_rooms.png`),
      };
    })
    .filter((plan) => existsSync(plan.wallMask) && existsSync(plan.openingMask) && existsSync(plan.roomMask));
}

/**
 * A ground-truth mask brought into the reader's underlay: scaled to the working size as the
 * image was, and turned by the same angle when the reader straightened the plan.
 */
export async function maskInUnderlay(
  path: string,
  working: { width: number; height: number },
  skew: number,
  underlay: { width: number; height: number },
): Promise<Uint8Array> {
  let image = sharp(path)
    .greyscale()
    .resize(working.width, working.height, { fit: 'fill', kernel: 'nearest' });
  if (skew !== 0)
    image = sharp(await image.png().toBuffer())
      .rotate(-skew, { background: '#000' })
      .greyscale();
  const { data, info } = await image.raw().toBuffer({ resolveWithObject: true });
  if (info.width !== underlay.width || info.height !== underlay.height)
    throw new Error(
      `mask ${info.width}×${info.height} does not fit the underlay ${underlay.width}×${underlay.height}`,
    );
  const mask = new Uint8Array(info.width * info.height);
  for (let i = 0; i < mask.length; i++) mask[i] = (data[i * info.channels] as number) > 20 ? 1 : 0;
  return mask;
}
