import type { BuildingModel } from '../domain/building-model.js';
import { MATERIALS } from './materials.js';
import { buildMeshes, type MeshPart } from './mesh.js';

const num = (n: number) => (Math.round(n * 10_000) / 10_000).toString();

/**
 * The model as Wavefront OBJ with its MTL: one group per floor part and per room, y up,
 * metres. Loads in Blender, SketchUp and three's OBJLoader.
 */
export function exportObj(model: BuildingModel, mtlName = 'modell.mtl'): { obj: string; mtl: string } {
  const lines = ['# ImmoXX models3d', `# ${model.name}`, `mtllib ${mtlName}`];
  let offset = 1;
  const used = new Set<string>();
  const emit = (group: string, part: MeshPart) => {
    used.add(part.material);
    lines.push(`o ${group.replace(/\s+/g, '_')}`, `usemtl ${part.material}`);
    for (let i = 0; i < part.positions.length; i += 3)
      lines.push(
        `v ${num(part.positions[i] ?? 0)} ${num(part.positions[i + 1] ?? 0)} ${num(part.positions[i + 2] ?? 0)}`,
      );
    for (let i = 0; i < part.normals.length; i += 3)
      lines.push(
        `vn ${num(part.normals[i] ?? 0)} ${num(part.normals[i + 1] ?? 0)} ${num(part.normals[i + 2] ?? 0)}`,
      );
    for (let i = 0; i < part.indices.length; i += 3) {
      const [a, b, c] = [0, 1, 2].map((k) => (part.indices[i + k] ?? 0) + offset);
      lines.push(`f ${a}//${a} ${b}//${b} ${c}//${c}`);
    }
    offset += part.vertexCount;
  };
  for (const floor of buildMeshes(model)) {
    for (const part of floor.parts) emit(`${floor.name}_${part.material}`, part);
    for (const room of floor.rooms) emit(`${floor.name}_${room.name}`, room.floor);
  }
  const mtl = ['# ImmoXX models3d'];
  for (const name of used) {
    const spec = MATERIALS[name as keyof typeof MATERIALS];
    mtl.push(
      `newmtl ${name}`,
      `Kd ${spec.color.map(num).join(' ')}`,
      'Ks 0.05 0.05 0.05',
      `Ns ${num((1 - spec.roughness) * 200)}`,
      `d ${num(spec.opacity)}`,
      'illum 2',
      '',
    );
  }
  return { obj: `${lines.join('\n')}\n`, mtl: mtl.join('\n') };
}
