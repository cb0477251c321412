// Structural checks of one composed project: everything that can be verified without a compiler.
import { parse as parseYaml } from 'yaml';
import type { Composition } from '../../src/compose/compose.js';
import { hashContents } from '../../src/compose/hash.js';
import { importProblem, importSpecifiers } from './imports.js';
import { workflowProblems } from './workflow-checks.js';

const EXACT_VERSION = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;
/** A handlebars token left in a rendered file; `${{ ... }}` is a GitHub Actions expression, not one. */
const TEMPLATE_TOKEN = /(?<!\$)\{\{[#/^>!]?\s*[\w@.[\]]+[^}]*\}\}/;
const ENV_READ = /process\.env(?:\.([A-Z][A-Z0-9_]*)|\[\s*['"]([A-Z][A-Z0-9_]*)['"]\s*\])/g;

interface PackageJson {
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  overrides?: Record<string, Record<string, string>>;
}

function checkPackageJson(files: ReadonlyMap<string, string>, problems: string[]): PackageJson {
  let pkg: PackageJson;
  try {
    pkg = JSON.parse(files.get('package.json') ?? '') as PackageJson;
  } catch (error) {
    problems.push(`package.json is not valid JSON: ${(error as Error).message}`);
    return {};
  }
  const pins = [
    ...Object.entries({ ...pkg.dependencies, ...pkg.devDependencies }),
    ...Object.values(pkg.overrides ?? {}).flatMap((nested) => Object.entries(nested)),
  ];
  for (const [name, version] of pins) if (!EXACT_VERSION.test(version)) problems.push(`package.json: "${name}" is not pinned exactly ("${version}")`);
  return pkg;
}

function checkImports(files: ReadonlyMap<string, string>, pkg: PackageJson, problems: string[]): void {
  const declared = new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})]);
  for (const [path, contents] of files) {
    if (!path.endsWith('.ts')) continue;
    for (const specifier of importSpecifiers(contents)) {
      const problem = importProblem(path, specifier, files, declared);
      if (problem) problems.push(problem);
    }
  }
}

function checkTemplateTokens(composition: Composition, problems: string[]): void {
  for (const path of composition.rendered) {
    const match = composition.files.get(path)?.match(TEMPLATE_TOKEN);
    if (match) problems.push(`${path}: unrendered template token ${match[0]}`);
  }
}

/** Every variable the app's code reads from process.env is documented in .env.example. */
const documentedEnv = (files: ReadonlyMap<string, string>) => new Set([...(files.get('.env.example') ?? '').matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!));

function checkEnvDocumented(files: ReadonlyMap<string, string>, problems: string[]): void {
  const documented = documentedEnv(files);
  for (const [path, contents] of files) {
    if (!path.startsWith('src/') || !path.endsWith('.ts')) continue;
    for (const match of contents.matchAll(ENV_READ)) {
      const name = (match[1] ?? match[2])!;
      if (!documented.has(name)) problems.push(`${path}: reads process.env.${name}, which .env.example does not document`);
    }
  }
}

function checkDockerCompose(composition: Composition, problems: string[]): void {
  let document: { services?: Record<string, { depends_on?: Record<string, unknown> }> };
  try {
    document = parseYaml(composition.files.get('docker-compose.yml') ?? '') as typeof document;
  } catch (error) {
    problems.push(`docker-compose.yml is not valid YAML: ${(error as Error).message}`);
    return;
  }
  const services = Object.keys(document?.services ?? {}).sort();
  const expected = [...new Set(['app', ...composition.modules.flatMap((m) => Object.keys(m.services ?? {}))])].sort();
  if (services.join() !== expected.join()) problems.push(`docker-compose.yml: services ${services.join(', ')}; the stack needs ${expected.join(', ')}`);
  for (const [name, service] of Object.entries(document?.services ?? {})) {
    for (const dependency of Object.keys(service?.depends_on ?? {})) {
      if (!services.includes(dependency)) problems.push(`docker-compose.yml: ${name} depends on undefined service ${dependency}`);
    }
  }
}

function checkRecordedHashes(composition: Composition, problems: string[]): void {
  const recorded = composition.groundwork.files;
  for (const [path, contents] of composition.files) {
    if (path === 'groundwork.json') continue;
    if (recorded[path] !== hashContents(contents)) problems.push(`groundwork.json: wrong or missing hash for ${path}`);
  }
  for (const path of Object.keys(recorded)) if (!composition.files.has(path)) problems.push(`groundwork.json: hash for a file not generated: ${path}`);
}

export function structuralProblems(composition: Composition): string[] {
  const problems: string[] = [];
  const pkg = checkPackageJson(composition.files, problems);
  checkImports(composition.files, pkg, problems);
  checkTemplateTokens(composition, problems);
  checkEnvDocumented(composition.files, problems);
  checkDockerCompose(composition, problems);
  problems.push(...workflowProblems(composition, pkg.scripts ?? {}, documentedEnv(composition.files)));
  checkRecordedHashes(composition, problems);
  return problems;
}
