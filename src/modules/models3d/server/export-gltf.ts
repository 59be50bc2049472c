import { Document, NodeIO } from '@gltf-transform/core';
import type { BuildingModel } from '../domain/building-model.js';
import { modelFigures } from '../domain/geometry.js';
import { MATERIALS, type MaterialName } from './materials.js';
import { buildMeshes, type MeshPart } from './mesh.js';

export interface ExportStats {
  triangles: number;
  vertices: number;
  bytes: number;
  /** Outer size in metres: width (x), depth (z), height (y). */
  dimensions: { width: number; depth: number; height: number };
}

/**
 * The model as glTF 2.0 binary (GLB), built with glTF-Transform: one node per floor with
 * its walls, ceilings, windows and stairs by material, and one node per room whose extras
 * carry name, type and areas for labels in the viewer.
 */
export async function exportGlb(model: BuildingModel): Promise<{ glb: Uint8Array; stats: ExportStats }> {
  const doc = new Document();
  doc.getRoot().getAsset().generator = 'ImmoXX models3d';
  const buffer = doc.createBuffer();
  const scene = doc.createScene(model.name);
  doc.getRoot().setDefaultScene(scene);
  const materials = new Map<MaterialName, ReturnType<Document['createMaterial']>>();
  const material = (name: MaterialName) => {
    let m = materials.get(name);
    if (!m) {
      const spec = MATERIALS[name];
      m = doc
        .createMaterial(name)
        .setBaseColorFactor([...spec.color, spec.opacity])
        .setRoughnessFactor(spec.roughness)
        .setMetallicFactor(0)
        .setAlphaMode(spec.opacity < 1 ? 'BLEND' : 'OPAQUE')
        .setDoubleSided(spec.opacity < 1);
      materials.set(name, m);
    }
    return m;
  };
  let triangles = 0;
  let vertices = 0;
  const primitive = (part: MeshPart) => {
    triangles += part.indices.length / 3;
    vertices += part.vertexCount;
    const position = doc
      .createAccessor()
      .setType('VEC3')
      .setArray(new Float32Array(part.positions))
      .setBuffer(buffer);
    const normal = doc
      .createAccessor()
      .setType('VEC3')
      .setArray(new Float32Array(part.normals))
      .setBuffer(buffer);
    const indices = doc
      .createAccessor()
      .setType('SCALAR')
      .setArray(part.vertexCount > 65_535 ? new Uint32Array(part.indices) : new Uint16Array(part.indices))
      .setBuffer(buffer);
    return doc
      .createPrimitive()
      .setAttribute('POSITION', position)
      .setAttribute('NORMAL', normal)
      .setIndices(indices)
      .setMaterial(material(part.material));
  };

  for (const floor of buildMeshes(model)) {
    const floorNode = doc
      .createNode(floor.name)
      .setExtras({ floorId: floor.floorId, elevation: floor.elevation });
    scene.addChild(floorNode);
    if (floor.parts.length > 0) {
      const mesh = doc.createMesh(`${floor.name} – Bauteile`);
      for (const part of floor.parts) mesh.addPrimitive(primitive(part));
      floorNode.addChild(doc.createNode(`${floor.name} – Bauteile`).setMesh(mesh));
    }
    for (const room of floor.rooms) {
      const mesh = doc.createMesh(room.name).addPrimitive(primitive(room.floor));
      floorNode.addChild(
        doc.createNode(room.name).setMesh(mesh).setExtras({
          // Loaders sanitise node names ("Wohnen/Kochen" → "WohnenKochen"); the label keeps the real one.
          name: room.name,
          roomId: room.roomId,
          type: room.type,
          area: room.area,
          livingArea: room.livingArea,
          label: room.label,
        }),
      );
    }
  }
  const glb = await new NodeIO().writeBinary(doc);
  const figures = modelFigures(model);
  return {
    glb,
    stats: {
      triangles,
      vertices,
      bytes: glb.byteLength,
      dimensions: { width: figures.width, depth: figures.depth, height: figures.height },
    },
  };
}
