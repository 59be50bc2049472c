import { Html, Line, OrbitControls, PointerLockControls } from '@react-three/drei';
import { Canvas, type ThreeEvent, useFrame, useLoader, useThree } from '@react-three/fiber';
import {
  type MutableRefObject,
  type PointerEvent as ReactPointerEvent,
  Suspense,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import * as THREE from 'three';
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js';
import { formatArea } from '../../../platform/format/format-de.js';
import { Spinner } from '../../../web/components/spinner.js';

type View = 'orbit' | 'top' | 'walk';
interface RoomLabel {
  name: string;
  area: number;
  floorIndex: number;
  position: [number, number, number];
}

const EYE_HEIGHT = 1.65;
const WALK_SPEED = 1.8;
/** How close the eye may come to a wall before it stops. */
const CLEARANCE = 0.3;

function hasWebGl(): boolean {
  try {
    const canvas = document.createElement('canvas');
    return Boolean(canvas.getContext('webgl2') ?? canvas.getContext('webgl'));
  } catch {
    return false;
  }
}

/** The loaded GLB: floors above the chosen one hidden, ceilings hidden outside walk mode. */
function Building({
  url,
  floorIndex,
  view,
  onLoaded,
  onPick,
}: {
  url: string;
  floorIndex: number | null;
  view: View;
  onLoaded: (scene: THREE.Group, labels: RoomLabel[]) => void;
  onPick?: (point: THREE.Vector3) => void;
}) {
  const gltf = useLoader(GLTFLoader, url);
  const scene = gltf.scene;
  useEffect(() => {
    const labels: RoomLabel[] = [];
    scene.children.forEach((floorNode, index) => {
      for (const child of floorNode.children) {
        const extras = child.userData as { label?: [number, number, number]; area?: number; name?: string };
        if (extras.label)
          labels.push({
            name: extras.name ?? child.name,
            area: extras.area ?? 0,
            floorIndex: index,
            position: extras.label,
          });
      }
    });
    onLoaded(scene, labels);
  }, [scene, onLoaded]);
  useEffect(() => {
    scene.children.forEach((floorNode, index) => {
      floorNode.visible = floorIndex === null || index <= floorIndex;
    });
    scene.traverse((object) => {
      const mesh = object as THREE.Mesh;
      if (!mesh.isMesh) return;
      const materials = Array.isArray(mesh.material) ? mesh.material : [mesh.material];
      // A dollhouse from outside; under a roof when walking.
      if (materials.some((m) => m.name === 'decke')) mesh.visible = view === 'walk';
    });
  }, [scene, floorIndex, view]);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a three.js object inside the canvas, not a DOM element
    <primitive
      object={scene}
      onClick={(e: ThreeEvent<MouseEvent>) => {
        // A click, not the end of an orbit drag; the nearest visible surface is the point.
        if (!onPick || e.delta > 4) return;
        const hit = e.intersections.find((i) => i.object.visible);
        if (!hit) return;
        e.stopPropagation();
        onPick(hit.point.clone());
      }}
    />
  );
}

/**
 * First-person walking: keys (or the on-screen pad, which feeds the same set) move the eye at
 * standing height; walls stop it. The mouse looks around under pointer lock; a finger looks
 * around by dragging.
 */
function Walker({
  scene,
  start,
  keys,
  surface,
}: {
  scene: THREE.Group | null;
  start: THREE.Vector3;
  keys: MutableRefObject<Set<string>>;
  /** The canvas's data-walk-surface value. */
  surface: string;
}) {
  const { camera, gl } = useThree();
  const ray = useMemo(() => new THREE.Raycaster(), []);
  useEffect(() => {
    camera.position.copy(start);
    camera.lookAt(start.x + 1, start.y, start.z);
    if (camera instanceof THREE.PerspectiveCamera) {
      camera.fov = 70;
      camera.updateProjectionMatrix();
    }
    const pressed = keys.current;
    const down = (e: KeyboardEvent) => pressed.add(e.code);
    const up = (e: KeyboardEvent) => pressed.delete(e.code);
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    // Touch: dragging turns the head (yaw around the vertical, pitch within ±80°).
    const element = gl.domElement;
    let last: { x: number; y: number } | null = null;
    const euler = new THREE.Euler(0, 0, 0, 'YXZ');
    const touchStart = (e: PointerEvent) => {
      if (e.pointerType === 'touch') last = { x: e.clientX, y: e.clientY };
    };
    const touchMove = (e: PointerEvent) => {
      if (e.pointerType !== 'touch' || !last) return;
      euler.setFromQuaternion(camera.quaternion);
      euler.y += (e.clientX - last.x) * 0.005;
      euler.x = Math.max(-1.4, Math.min(1.4, euler.x + (e.clientY - last.y) * 0.005));
      camera.quaternion.setFromEuler(euler);
      last = { x: e.clientX, y: e.clientY };
    };
    const touchEnd = () => {
      last = null;
    };
    element.addEventListener('pointerdown', touchStart);
    element.addEventListener('pointermove', touchMove);
    element.addEventListener('pointerup', touchEnd);
    element.addEventListener('pointercancel', touchEnd);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
      element.removeEventListener('pointerdown', touchStart);
      element.removeEventListener('pointermove', touchMove);
      element.removeEventListener('pointerup', touchEnd);
      element.removeEventListener('pointercancel', touchEnd);
      pressed.clear();
    };
  }, [camera, start, gl, keys]);
  useFrame((_, delta) => {
    const k = keys.current;
    const forward = Number(k.has('KeyW') || k.has('ArrowUp')) - Number(k.has('KeyS') || k.has('ArrowDown'));
    const sideways =
      Number(k.has('KeyD') || k.has('ArrowRight')) - Number(k.has('KeyA') || k.has('ArrowLeft'));
    if (!forward && !sideways) return;
    const look = new THREE.Vector3();
    camera.getWorldDirection(look);
    look.y = 0;
    look.normalize();
    const right = new THREE.Vector3().crossVectors(look, new THREE.Vector3(0, 1, 0));
    const move = look.multiplyScalar(forward).add(right.multiplyScalar(sideways)).normalize();
    const step = WALK_SPEED * Math.min(delta, 0.1);
    if (scene) {
      // Collision: a ray at knee and at eye height along the step; glass counts as a wall.
      for (const height of [0.5, EYE_HEIGHT - 0.2]) {
        const origin = camera.position.clone();
        origin.y = camera.position.y - EYE_HEIGHT + height;
        ray.set(origin, move);
        ray.far = step + CLEARANCE;
        if (ray.intersectObject(scene, true).some((hit) => hit.object.visible)) return;
      }
    }
    camera.position.addScaledVector(move, step);
  });
  // Only a click into this viewer takes the mouse, not any click on the page.
  return <PointerLockControls selector={`[data-walk-surface="${surface}"]`} />;
}

/** The measured line: points picked on the model, the distance at its middle. */
function Measurement({ points, label }: { points: THREE.Vector3[]; label: (metres: number) => string }) {
  const [a, b] = points;
  return (
    <>
      {points.map((p) => (
        <mesh key={p.toArray().join()} position={p}>
          <sphereGeometry args={[0.08, 16, 16]} />
          <meshBasicMaterial color="#dc2626" depthTest={false} />
        </mesh>
      ))}
      {a && b ? (
        <>
          <Line points={[a, b]} color="#dc2626" lineWidth={3} depthTest={false} />
          <Html position={a.clone().add(b).multiplyScalar(0.5)} center>
            <span
              data-testid="measure-result"
              className="pointer-events-none whitespace-nowrap rounded bg-red-600 px-1.5 py-0.5 text-xs font-semibold text-white shadow"
            >
              {label(a.distanceTo(b))}
            </span>
          </Html>
        </>
      ) : null}
    </>
  );
}

/** Moves the one camera when the view changes, instead of remounting the canvas. */
function CameraRig({ position, target }: { position: THREE.Vector3; target: THREE.Vector3 }) {
  const { camera } = useThree();
  useEffect(() => {
    camera.position.copy(position);
    camera.lookAt(target);
    if (camera instanceof THREE.PerspectiveCamera) {
      camera.fov = 45;
      camera.updateProjectionMatrix();
    }
  }, [camera, position, target]);
  return null;
}

const PAD: { code: string; label: string; area: string }[] = [
  { code: 'ArrowUp', label: '▲', area: 'col-start-2 row-start-1' },
  { code: 'ArrowLeft', label: '◀', area: 'col-start-1 row-start-2' },
  { code: 'ArrowDown', label: '▼', area: 'col-start-2 row-start-2' },
  { code: 'ArrowRight', label: '▶', area: 'col-start-3 row-start-2' },
];

export function ModelViewer({
  url,
  floors,
  onSnapshot,
}: {
  url: string;
  floors: { name: string; elevation: number }[];
  /** Saves the current view as the model's preview; offered only when given. */
  onSnapshot?: (image: Blob) => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const [view, setView] = useState<View>('orbit');
  const [measuring, setMeasuring] = useState(false);
  const [measured, setMeasured] = useState<THREE.Vector3[]>([]);
  const [snapshotting, setSnapshotting] = useState(false);
  const canvasElement = useRef<HTMLCanvasElement | null>(null);
  const walkKeys = useRef(new Set<string>());
  const surface = useId().replace(/[^a-zA-Z0-9]/g, '');
  const press = (code: string, down: boolean) => (e: ReactPointerEvent) => {
    e.preventDefault();
    if (down) walkKeys.current.add(code);
    else walkKeys.current.delete(code);
  };
  const metres = (m: number) =>
    `${m.toLocaleString(i18n.language === 'en' ? 'en-GB' : 'de-DE', { maximumFractionDigits: 2, minimumFractionDigits: 2 })} m`;
  const snapshot = async () => {
    const element = canvasElement.current;
    if (!element || !onSnapshot) return;
    setSnapshotting(true);
    try {
      const blob = await new Promise<Blob | null>((resolve) => element.toBlob(resolve, 'image/png'));
      if (blob) await onSnapshot(blob);
    } finally {
      setSnapshotting(false);
    }
  };
  const [floorIndex, setFloorIndex] = useState<number | null>(null);
  const [showLabels, setShowLabels] = useState(true);
  const [loaded, setLoaded] = useState<{ scene: THREE.Group; labels: RoomLabel[] } | null>(null);
  const webgl = useMemo(hasWebGl, []);
  const bounds = useMemo(() => (loaded ? new THREE.Box3().setFromObject(loaded.scene) : null), [loaded]);
  const centre = bounds ? bounds.getCenter(new THREE.Vector3()) : new THREE.Vector3();
  const size = bounds ? bounds.getSize(new THREE.Vector3()) : new THREE.Vector3(12, 3, 10);
  const span = Math.max(size.x, size.z, 6);
  const activeFloor = floorIndex ?? 0;
  const floorElevation = floors[activeFloor]?.elevation ?? 0;
  const cameraPosition = useMemo(
    () =>
      view === 'top'
        ? new THREE.Vector3(centre.x, span * 1.6, centre.z + 0.01)
        : view === 'walk'
          ? null
          : new THREE.Vector3(centre.x + span * 0.5, span * 1.05, centre.z + span * 0.75),
    [view, centre.x, centre.z, span],
  );
  const target = useMemo(
    () => new THREE.Vector3(centre.x, view === 'top' ? 0 : 1, centre.z),
    [view, centre.x, centre.z],
  );
  const walkStart = useMemo(() => {
    const first =
      loaded?.labels.find((l) => l.floorIndex === activeFloor && /flur|diele|hall/i.test(l.name)) ??
      loaded?.labels[0];
    return new THREE.Vector3(first?.position[0] ?? 0, floorElevation + EYE_HEIGHT, first?.position[2] ?? 0);
    // A number, not the floors array: a refetch of the page must not put the walker back at the start.
  }, [loaded, activeFloor, floorElevation]);

  if (!webgl)
    return <p className="rounded-lg bg-amber-50 p-4 text-sm text-amber-900">{t('models3d:webglMissing')}</p>;

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <div className="flex gap-1">
          {(['orbit', 'top', 'walk'] as const).map((v) => (
            <button
              key={v}
              type="button"
              aria-pressed={view === v}
              onClick={() => setView(v)}
              className={`rounded-lg px-3 py-1.5 text-sm font-semibold ring-1 ring-inset ${
                view === v
                  ? 'bg-brand text-white ring-brand'
                  : 'bg-white text-slate-800 ring-slate-300 hover:bg-slate-50'
              }`}
            >
              {t(`models3d:view.${v}`)}
            </button>
          ))}
        </div>
        {floors.length > 1 ? (
          <label className="flex items-center gap-2 text-sm text-slate-700">
            {t('models3d:floor')}
            <select
              className="rounded-lg border-0 py-1 text-sm ring-1 ring-inset ring-slate-300"
              value={floorIndex ?? ''}
              onChange={(e) => setFloorIndex(e.target.value === '' ? null : Number(e.target.value))}
            >
              <option value="">{t('models3d:allFloors')}</option>
              {floors.map((f, i) => (
                <option key={f.name} value={i}>
                  {f.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" checked={showLabels} onChange={(e) => setShowLabels(e.target.checked)} />
          {t('models3d:labels')}
        </label>
        {view !== 'walk' ? (
          <button
            type="button"
            aria-pressed={measuring}
            onClick={() => {
              setMeasuring(!measuring);
              setMeasured([]);
            }}
            className={`rounded-lg px-3 py-1.5 text-sm font-semibold ring-1 ring-inset ${
              measuring
                ? 'bg-red-600 text-white ring-red-600'
                : 'bg-white text-slate-800 ring-slate-300 hover:bg-slate-50'
            }`}
          >
            {t('models3d:measure')}
          </button>
        ) : null}
        {onSnapshot ? (
          <button
            type="button"
            disabled={!loaded || snapshotting}
            onClick={() => void snapshot()}
            className="rounded-lg bg-white px-3 py-1.5 text-sm font-semibold text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 disabled:opacity-50"
          >
            {snapshotting ? t('models3d:snapshotSaving') : t('models3d:snapshot')}
          </button>
        ) : null}
      </div>
      {measuring && view !== 'walk' ? (
        <p className="text-xs text-slate-500">
          {measured.length === 2 ? t('models3d:measureAgain') : t('models3d:measureHint')}
        </p>
      ) : null}
      {view === 'walk' ? <p className="text-xs text-slate-500">{t('models3d:walkHint')}</p> : null}
      <div
        className="relative h-[480px] overflow-hidden rounded-xl bg-gradient-to-b from-sky-100 to-slate-100 ring-1 ring-slate-200"
        data-testid="model-viewer"
      >
        {loaded ? null : (
          <div className="absolute inset-0 z-10 flex items-center justify-center">
            <Spinner label={t('models3d:loading')} />
          </div>
        )}
        <Canvas
          camera={{ position: [20, 15, 20], fov: 45, near: 0.05, far: 500 }}
          gl={{ preserveDrawingBuffer: true, antialias: true }}
          onCreated={({ gl }) => {
            canvasElement.current = gl.domElement;
            gl.domElement.dataset.walkSurface = surface;
          }}
        >
          {cameraPosition ? <CameraRig position={cameraPosition} target={target} /> : null}
          <hemisphereLight args={['#ffffff', '#b0a899', 1.2]} />
          <directionalLight position={[centre.x + 10, 20, centre.z + 15]} intensity={1.6} />
          {/* An Html fallback inside the canvas trips React on unmount; the spinner sits outside. */}
          <Suspense fallback={null}>
            <Building
              url={url}
              floorIndex={view === 'walk' ? activeFloor : floorIndex}
              view={view}
              onLoaded={(scene, labels) =>
                setLoaded((current) => (current?.scene === scene ? current : { scene, labels }))
              }
              {...(measuring && view !== 'walk'
                ? { onPick: (p: THREE.Vector3) => setMeasured((m) => (m.length >= 2 ? [p] : [...m, p])) }
                : {})}
            />
          </Suspense>
          {measuring && view !== 'walk' ? <Measurement points={measured} label={metres} /> : null}
          {showLabels && view !== 'walk'
            ? loaded?.labels
                .filter((l) => floorIndex === null || l.floorIndex === floorIndex)
                .map((l) => (
                  <Html key={`${l.floorIndex}-${l.name}-${l.position.join()}`} position={l.position} center>
                    <span className="pointer-events-none whitespace-nowrap rounded bg-white/85 px-1.5 py-0.5 text-[11px] font-medium text-slate-800 shadow">
                      {l.name} · {formatArea(l.area, i18n.language)}
                    </span>
                  </Html>
                ))
            : null}
          {view === 'walk' ? (
            <Walker scene={loaded?.scene ?? null} start={walkStart} keys={walkKeys} surface={surface} />
          ) : (
            <OrbitControls
              key={view}
              target={target}
              enableRotate={view === 'orbit'}
              maxPolarAngle={Math.PI / 2.05}
              makeDefault
            />
          )}
        </Canvas>
        {view === 'walk' ? (
          <fieldset
            className="absolute bottom-3 right-3 z-10 m-0 grid grid-cols-3 grid-rows-2 gap-1 border-0 p-0"
            aria-label={t('models3d:walkPad')}
          >
            {PAD.map((b) => (
              <button
                key={b.code}
                type="button"
                aria-label={t(`models3d:pad.${b.code}`)}
                className={`${b.area} size-11 touch-none select-none rounded-lg bg-white/85 text-lg text-slate-800 shadow ring-1 ring-slate-300 active:bg-sky-100`}
                onPointerDown={press(b.code, true)}
                onPointerUp={press(b.code, false)}
                onPointerLeave={press(b.code, false)}
                onPointerCancel={press(b.code, false)}
              >
                {b.label}
              </button>
            ))}
          </fieldset>
        ) : null}
      </div>
    </div>
  );
}
