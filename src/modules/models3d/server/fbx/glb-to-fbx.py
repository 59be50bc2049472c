# Converts a GLB to binary FBX in Blender's background mode (run by export-fbx.ts):
#   blender -b --factory-startup --python glb-to-fbx.py -- in.glb out.fbx
# Room nodes keep their names; their glTF extras (label, area) become FBX custom properties.
import sys

import bpy
import numpy

# Blender 3.4's glTF importer still uses numpy.bool, which numpy 1.24 (Debian 12) removed.
if not hasattr(numpy, "bool"):
    numpy.bool = bool

source, target = sys.argv[sys.argv.index("--") + 1 :][:2]
bpy.ops.wm.read_factory_settings(use_empty=True)
bpy.ops.import_scene.gltf(filepath=source)
bpy.ops.export_scene.fbx(
    filepath=target,
    use_selection=False,
    object_types={"EMPTY", "MESH"},
    use_custom_props=True,
    apply_unit_scale=True,
    axis_forward="-Z",
    axis_up="Y",
    path_mode="AUTO",
    bake_anim=False,
)
