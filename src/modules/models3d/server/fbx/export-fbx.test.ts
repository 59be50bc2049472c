import { FBXLoader } from 'three/examples/jsm/loaders/FBXLoader.js';
import { describe, expect, it } from 'vitest';
import { templateModel } from '../../domain/templates.js';
import { exportGlb } from '../export-gltf.js';
import { exportFbx, fbxAvailability } from './export-fbx.js';

describe('FBX through headless Blender', () => {
  it('converts a two-floor house to a binary FBX that three can load, or says why it cannot', async () => {
    const availability = await fbxAvailability(process.env.BLENDER_PATH ?? 'blender');
    // CI installs Debian's blender, so there the conversion itself must be tested.
    if (process.env.CI) expect(availability.available).toBe(true);
    if (!availability.available) {
      expect(availability.reason).toMatch(/Blender/);
      return;
    }
    const model = templateModel('einfamilienhaus');
    if (!model) throw new Error('template missing');
    const { glb } = await exportGlb(model);
    const fbx = await exportFbx(process.env.BLENDER_PATH ?? 'blender', glb);
    expect(fbx.subarray(0, 18).toString('latin1')).toBe('Kaydara FBX Binary');
    // Room nodes keep their names.
    expect(fbx.includes(Buffer.from('Wohnzimmer'))).toBe(true);
    const group = new FBXLoader().parse(Uint8Array.from(fbx).buffer, '');
    let meshes = 0;
    group.traverse((o) => {
      if ((o as { isMesh?: boolean }).isMesh) meshes++;
    });
    expect(meshes).toBeGreaterThan(10);
  }, 120_000);
});
