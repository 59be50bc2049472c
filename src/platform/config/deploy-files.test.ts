import { readFileSync } from 'node:fs';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Service } from 'kubernetes-models/v1/Service';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { envSchema } from './env.js';

/**
 * The deployment files are checked here on every `npm test`: each Kubernetes manifest against
 * the API's own OpenAPI schemas (kubernetes-models), and every setting the compose file, the
 * manifests and the examples hand to ImmoXX against the variables it reads, so a typo there
 * cannot pass silently. CI also renders them with `kubectl kustomize` and `docker-compose config`.
 */
const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');
const known = new Set(Object.keys(envSchema.shape));

type Manifest = { apiVersion: string; kind: string; metadata: { name: string }; [key: string]: unknown };
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'batch/v1/Job': Job,
  'networking.k8s.io/v1/Ingress': Ingress,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'v1/ConfigMap': ConfigMap,
  'v1/Service': Service,
};

function manifests(): Manifest[] {
  const kustomization = parse(read('deploy/kubernetes/kustomization.yaml')) as { resources: string[] };
  return kustomization.resources.flatMap((file) =>
    parseAllDocuments(read(`deploy/kubernetes/${file}`)).map((doc) => doc.toJS() as Manifest),
  );
}

type Container = {
  env?: { name: string }[];
  livenessProbe?: { httpGet: { path: string } };
  readinessProbe?: { httpGet: { path: string } };
};
const containersOf = (m: Manifest) =>
  (m.spec as { template: { spec: { containers: Container[] } } }).template.spec.containers;

describe('Kubernetes manifests (deploy/kubernetes)', () => {
  it('validate against the Kubernetes API schemas', () => {
    const all = manifests();
    expect(all.map((m) => m.kind).sort()).toEqual([
      'ConfigMap',
      'Deployment',
      'Deployment',
      'HorizontalPodAutoscaler',
      'Ingress',
      'Job',
      'PodDisruptionBudget',
      'PodDisruptionBudget',
      'Service',
    ]);
    for (const manifest of all) {
      const Model = MODELS[`${manifest.apiVersion}/${manifest.kind}`];
      expect(Model, `${manifest.apiVersion} ${manifest.kind}`).toBeDefined();
      expect(() => new Model!(manifest as never).validate(), manifest.metadata.name).not.toThrow();
    }
  });

  it('a broken manifest is caught (the check is not a no-op)', () => {
    const api = manifests().find((m) => m.kind === 'Deployment')!;
    const broken = structuredClone(api) as unknown as { spec: { replicas: unknown } };
    broken.spec.replicas = 'drei';
    expect(() => new Deployment(broken as never).validate()).toThrow();
  });

  it('run ≥ 3 API replicas and the workers with probes on /healthz and /readyz, and a migration job', () => {
    const all = manifests();
    const api = all.find((m) => m.metadata.name === 'immoxx-api' && m.kind === 'Deployment')!;
    const worker = all.find((m) => m.metadata.name === 'immoxx-worker')!;
    expect((api.spec as { replicas: number }).replicas).toBeGreaterThanOrEqual(3);
    const hpa = all.find((m) => m.kind === 'HorizontalPodAutoscaler')!;
    expect((hpa.spec as { minReplicas: number }).minReplicas).toBeGreaterThanOrEqual(3);
    for (const deployment of [api, worker]) {
      const [container] = containersOf(deployment);
      expect(container?.livenessProbe?.httpGet.path).toBe('/healthz');
      expect(container?.readinessProbe?.httpGet.path).toBe('/readyz');
    }
    expect(containersOf(api)[0]?.env).toContainEqual({ name: 'ROLE', value: 'api' });
    expect(containersOf(worker)[0]?.env).toContainEqual({ name: 'ROLE', value: 'worker' });
    const configMap = all.find((m) => m.kind === 'ConfigMap') as unknown as { data: Record<string, string> };
    expect(configMap.data.MIGRATE_ON_START).toBe('false');
  });

  it('name only settings ImmoXX reads', () => {
    const names = new Set<string>();
    for (const manifest of manifests()) {
      if (manifest.kind === 'ConfigMap')
        for (const key of Object.keys(manifest.data as object)) names.add(key);
      if (manifest.kind === 'Deployment')
        for (const e of containersOf(manifest)[0]?.env ?? []) names.add(e.name);
    }
    for (const line of read('deploy/kubernetes/secret.example.env').split('\n')) {
      const match = /^([A-Z0-9_]+)=/.exec(line);
      if (match) names.add(match[1]!);
    }
    expect([...names].filter((name) => !known.has(name))).toEqual([]);
  });
});

describe('docker-compose.yml', () => {
  const compose = parse(read('docker-compose.yml'), { merge: true }) as {
    services: Record<
      string,
      {
        environment?: Record<string, string>;
        image?: string;
        command?: string[];
        depends_on?: Record<string, { condition: string }>;
      }
    >;
  };

  it('gives the API and the worker only settings ImmoXX reads, each with its role', () => {
    for (const service of ['migrate', 'api', 'worker']) {
      const env = compose.services[service]?.environment ?? {};
      expect(
        Object.keys(env).filter((name) => !known.has(name)),
        service,
      ).toEqual([]);
    }
    expect(compose.services.api?.environment?.ROLE).toBe('api');
    expect(compose.services.worker?.environment?.ROLE).toBe('worker');
    expect(compose.services.api?.environment?.MIGRATE_ON_START).toBe('false');
  });

  it('starts API and worker only after the one-shot migration succeeded, and that after the bucket exists', () => {
    expect(compose.services.migrate?.command).toEqual(['node', 'build/server/migrate.js']);
    for (const service of ['api', 'worker'])
      expect(compose.services[service]?.depends_on?.migrate?.condition).toBe(
        'service_completed_successfully',
      );
    expect(compose.services.migrate?.depends_on?.['minio-init']?.condition).toBe(
      'service_completed_successfully',
    );
  });
});
