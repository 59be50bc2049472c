import { validateBytes } from 'gltf-validator';
import { OBJLoader } from 'three/examples/jsm/loaders/OBJLoader.js';
import { describe, expect, it } from 'vitest';
import { buildingModelSchema } from '../domain/building-model.js';
import { modelFigures } from '../domain/geometry.js';
import { TEMPLATES, templateModel } from '../domain/templates.js';
import { exportGlb } from './export-gltf.js';
import { exportObj } from './export-obj.js';

describe('3D export of every template', () => {
  for (const template of TEMPLATES)
    it(`${template.id}: a valid model, a GLB without validator errors, an OBJ three can load`, async () => {
      const model = templateModel(template.id);
      expect(model).not.toBeNull();
      if (!model) return;
      const parsed = buildingModelSchema.safeParse(model);
      expect(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3))).toBe(true);

      const { glb, stats } = await exportGlb(model);
      const report = await validateBytes(glb);
      const errors = report.issues.messages.filter((m) => m.severity === 0);
      expect(errors, JSON.stringify(errors.slice(0, 5))).toEqual([]);
      expect(report.issues.numErrors).toBe(0);
      expect(stats.triangles).toBeGreaterThan(100);
      expect(stats.bytes).toBe(glb.byteLength);
      expect(stats.dimensions.width).toBeGreaterThan(5);

      const { obj, mtl } = exportObj(model);
      const group = new OBJLoader().parse(obj);
      const meshes = group.children.length;
      expect(meshes).toBeGreaterThan(model.floors[0]?.rooms.length ?? 0);
      expect(mtl).toContain('newmtl parkett');
    });

  it('lays a 4-room flat out near its programmed area, with a door into every room', () => {
    const model = templateModel('4-zimmer');
    if (!model) throw new Error('template missing');
    const figures = modelFigures(model);
    // 4-Zimmer: 102 m² inside plus an 8 m² balcony counted at a quarter.
    expect(figures.livingArea).toBeGreaterThan(95);
    expect(figures.livingArea).toBeLessThan(125);
    const floor = model.floors[0];
    const doors = floor?.openings.filter((o) => o.kind === 'tuer') ?? [];
    const rooms = floor?.rooms.filter((r) => r.type !== 'flur' && r.type !== 'balkon') ?? [];
    expect(doors.length).toBeGreaterThanOrEqual(rooms.length + 1);
    expect(floor?.openings.some((o) => o.kind === 'balkontuer')).toBe(true);
  });

  it('builds the detached house on two floors with stairs', () => {
    const model = templateModel('einfamilienhaus');
    expect(model?.floors).toHaveLength(2);
    expect(model?.floors[0]?.stairs).toHaveLength(1);
    expect(model?.floors[1]?.elevation).toBeGreaterThan(2.5);
  });
});
