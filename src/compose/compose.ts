// compose: (stack, template source, generator version) -> the generated file tree. Pure: no I/O,
// so `create`, `add`, --dry-run and the combination tests all share it.
import { categories } from '../catalog/catalog.js';
import type { ModuleManifest, Stack } from '../catalog/types.js';
import { generatorEntries } from '../project/generator-spec.js';
import { hashContents } from './hash.js';
import { mergeLists, mergeRecords } from './merge.js';
import { renderDockerCompose } from './outputs/docker-compose.js';
import { renderGithubWorkflow } from './outputs/github-workflow.js';
import { envSpecPath, renderEnvExample, renderEnvSpec, renderEnvTable } from './outputs/env.js';
import { renderModulesTs } from './outputs/modules-ts.js';
import { tsStringLiteral } from './ts-literal.js';
import { renderPackageJson } from './outputs/package-json.js';
import { renderTemplate } from './render.js';
import { resolveModules } from './resolve.js';
import type { ResourceSpec } from '../resources/resource.js';
import { resourcePath, resourceView, type FieldView, type ResourceView } from '../resources/view.js';
import type { TemplateFile, TemplateSource } from './template-source.js';
import type { JobSpec } from '../units/job.js';
import type { RouteSpec } from '../units/route.js';
import { jobView, routeView, unitPath } from '../units/view.js';

export interface ComposeInput {
  projectName: string;
  stack: Stack;
  /** The resources of the project (the sample notes, then what `generate resource` added), in order. */
  resources: readonly ResourceSpec[];
  /** The project's own background jobs and REST routes (`generate job|route`); default none. */
  jobs?: readonly JobSpec[];
  routes?: readonly RouteSpec[];
  generatorVersion: string;
  /** The project's devDependency on the generator (see project/generator-spec.ts); default: the version. */
  generatorSpec?: string;
  source: TemplateSource;
}

export interface GroundworkJson {
  generator: 'create-groundwork';
  version: string;
  /** How package.json refers to the generator, when that is not the version (a tarball or a checkout). */
  generatorSpec?: string;
  name: string;
  stack: Stack;
  resources: ResourceSpec[];
  jobs: JobSpec[];
  routes: RouteSpec[];
  modules: string[];
  /** Path -> hash of the file as generated; `add` compares against it to find user edits. */
  files: Record<string, string>;
}

export interface Composition {
  files: Map<string, string>;
  /** Paths rendered from templates or written by the composer (the rest are copied verbatim). */
  rendered: Set<string>;
  modules: ModuleManifest[];
  implied: { id: string; title: string; by: string[] }[];
  groundwork: GroundworkJson;
  /** The kinds of unit some module of the stack has templates for: a job needs a queue, a route REST. */
  renders: { jobs: boolean; routes: boolean };
}

export const GROUNDWORK_JSON = 'groundwork.json';

const PROJECT_NAME = '{{projectName}}';

/** Env defaults may name the project, e.g. OTEL_SERVICE_NAME = "{{projectName}}". */
function renderEnvDefaults(manifest: ModuleManifest, projectName: string): ModuleManifest {
  if (!manifest.env?.some((v) => typeof v.default === 'string' && v.default.includes(PROJECT_NAME))) return manifest;
  const env = manifest.env.map((v) => (typeof v.default === 'string' ? { ...v, default: v.default.replaceAll(PROJECT_NAME, projectName) } : v));
  return { ...manifest, env };
}

/** `groundwork add` examples for the README: options this project does not have yet (never one it has). */
function addExamples(stack: Stack): string[] {
  return categories
    .flatMap((category) => {
      const next = category.options.find((option) => option.id !== 'none' && !(stack[category.id] ?? []).includes(option.id));
      return next ? [`${category.id} ${next.id}`] : [];
    })
    .slice(0, 3);
}

/** Every module sees the base module's field snippets, and its own on top. */
export function fieldExtender(module: ModuleManifest, base: ModuleManifest | undefined) {
  const own = module.resourceFields;
  const shared = base?.resourceFields;
  if (!own && !shared) return undefined;
  return (field: FieldView) => ({ ...shared?.(field), ...(module === base ? {} : own?.(field)) });
}

export function compose({ projectName, stack, resources, jobs = [], routes = [], generatorVersion, generatorSpec = generatorVersion, source }: ComposeInput): Composition {
  const resolution = resolveModules(stack);
  const modules = resolution.modules.map((m) => renderEnvDefaults(m, projectName));
  const base = modules.find((m) => m.id === 'base');
  const hasTemplates = (perUnit: Map<string, TemplateFile[]>) => modules.some((m) => (perUnit.get(m.id) ?? []).length > 0);
  /** The kinds of unit some module has templates for: a job needs a queue, a route REST. */
  const renders = { jobs: hasTemplates(source.jobFiles), routes: hasTemplates(source.routeFiles) };
  const context = {
    projectName,
    stack,
    generatorVersion,
    modules: modules.map((m) => ({ id: m.id, title: m.title })),
    envTable: renderEnvTable(modules),
    runtimeFiles: mergeLists(modules, (m) => m.runtimeFiles, (path) => path, 'runtime file'),
    dataDirs: mergeLists(modules, (m) => m.dataDirs, (dir) => dir.path, 'data directory').map((dir) => dir.path),
    instrumentations: mergeLists(modules, (m) => m.instrumentations, (i) => i.module, 'instrumentation')
      .sort((a, b) => (a.from < b.from ? -1 : 1))
      .map((i) => ({ ...i, options: i.options ?? '', alias: `${i.module.replace(/[^A-Za-z0-9]/g, '_')}TracedEnv` })),
    testGlobalSetup: mergeLists(modules, (m) => m.testGlobalSetup, (path) => path, 'test global setup'),
    testEnv: Object.entries(mergeRecords(modules, (m) => m.testEnv, 'test variable')).map(([name, value]) => ({ name, value: tsStringLiteral(value) })),
    appPorts: mergeLists(modules, (m) => m.appPorts, (p) => p.variable, 'app port').map((p) => p.port),
    addExamples: addExamples(stack),
    jobs: jobs.map(jobView),
    routes: routes.map(routeView),
    renders,
  };
  const { implied } = resolution;

  const files = new Map<string, string>();
  const rendered = new Set<string>();
  const owners = new Map<string, string>();
  const put = (path: string, contents: string, owner: string, isRendered = true) => {
    if (owners.has(path)) throw new Error(`Modules ${owners.get(path)} and ${owner} both write ${path}`);
    owners.set(path, owner);
    files.set(path, contents);
    if (isRendered) rendered.add(path);
  };

  // Each module sees the resources with its own field snippets, in its files and its README section.
  const viewOf = (module: ModuleManifest, spec: ResourceSpec): ResourceView => {
    const view = resourceView(spec, fieldExtender(module, base));
    const shared = base?.resourceExtras?.(view);
    const withShared = shared ? { ...view, ...shared } : view;
    const own = module === base ? undefined : module.resourceExtras?.(withShared);
    return own ? { ...withShared, ...own } : withShared;
  };
  const contextOf = new Map(modules.map((module) => [module, { ...context, resources: resources.map((spec) => viewOf(module, spec)) }]));
  /** One template file at `path`, rendered with `unitContext` when it is a template. */
  const putFile = (module: ModuleManifest, file: TemplateFile, path: string, unitContext: Record<string, unknown>, unit = '') => {
    if (file.render) put(path, renderTemplate(file.spec, unitContext, `${module.id}/${file.path}${unit}`), module.id);
    else put(path, file.contents, module.id, false);
  };
  for (const module of modules) {
    const moduleContext = contextOf.get(module)!;
    for (const file of source.files.get(module.id) ?? []) putFile(module, file, file.path, moduleContext);
    for (const resource of moduleContext.resources) {
      for (const file of source.resourceFiles.get(module.id) ?? []) putFile(module, file, resourcePath(file.path, resource), { ...moduleContext, resource }, ` (${resource.plural})`);
    }
    for (const job of context.jobs) {
      for (const file of source.jobFiles.get(module.id) ?? []) putFile(module, file, unitPath(file.path, job), { ...moduleContext, job }, ` (job ${job.kebab})`);
    }
    for (const route of context.routes) {
      for (const file of source.routeFiles.get(module.id) ?? []) putFile(module, file, unitPath(file.path, route), { ...moduleContext, route }, ` (route ${route.kebab})`);
    }
  }

  // The project runs the generator that made it (`npm run groundwork -- add` composes with the same
  // templates): pinned as a devDependency when it came from a registry, through the script alone otherwise.
  const generator = generatorEntries(generatorSpec);
  put('package.json', renderPackageJson(projectName, modules, source.versions, generator), 'compose');
  put('.env.example', renderEnvExample(modules), 'compose');
  for (const module of modules) if (module.env?.length) put(envSpecPath(module), renderEnvSpec(module), 'compose');
  put('src/modules.ts', renderModulesTs(modules), 'compose');
  put('docker-compose.yml', renderDockerCompose(modules), 'compose');
  put('.github/workflows/ci.yml', renderGithubWorkflow(modules), 'compose');

  // The README is last: its module sections may mention anything composed above.
  const readme = files.get('README.md');
  if (readme !== undefined) {
    const sections = modules.flatMap((m) => {
      const section = source.readme.get(m.id);
      return section === undefined ? [] : [renderTemplate(section, contextOf.get(m)!, `${m.id}/readme.md.hbs`).trim()];
    });
    files.set('README.md', readme.replace('<!-- groundwork:modules -->', sections.join('\n\n')));
  }

  // Code-point order: the same on every machine, and no ICU collator to load (~7 ms of a ~35 ms run).
  const hashes = Object.fromEntries([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([path, contents]) => [path, hashContents(contents)]));
  const groundwork: GroundworkJson = {
    generator: 'create-groundwork',
    version: generatorVersion,
    ...(generatorSpec !== generatorVersion ? { generatorSpec } : {}),
    name: projectName,
    stack,
    resources: resources.map((r) => ({ name: r.name, fields: r.fields.map((f) => ({ ...f })) })),
    jobs: jobs.map((job) => ({ ...job })),
    routes: routes.map((route) => ({ ...route })),
    modules: modules.map((m) => m.id),
    files: hashes,
  };
  files.set(GROUNDWORK_JSON, `${JSON.stringify(groundwork, null, 2)}\n`);
  rendered.add(GROUNDWORK_JSON);
  return { files, rendered, modules, implied, groundwork, renders };
}
