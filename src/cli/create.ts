// `create-groundwork [dir] [flags]`: questions -> compose -> atomic write -> install -> git.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { categories } from '../catalog/catalog.js';
import { defaultStack } from '../catalog/lookup.js';
import type { Stack } from '../catalog/types.js';
import { parseChoice, validateStack } from '../catalog/validate.js';
import { composeStack } from '../compose/compose-stack.js';
import { generatedEnvValues } from '../compose/outputs/env.js';
import { GroundworkError, UsageError } from '../errors.js';
import { fallbackIdentity, initGitRepo } from '../install/git.js';
import { installDependencies } from '../install/install.js';
import { checkPackageManagerInstalled, detectPackageManager, parsePackageManager, runScript, supportedPackageManagers, type PackageManager } from '../install/package-manager.js';
import { generatorVersion, packageRoot } from '../paths.js';
import { envFileChange } from '../project/env-file.js';
import { generatorSpecOf } from '../project/generator-spec.js';
import { generatedFiles } from '../project/groundwork-file.js';
import { checkProjectName } from '../project/project-name.js';
import { INITIAL_MIGRATION_WHEN, migrationChanges } from '../project/store-migrations.js';
import { TX_DIR, type FileChange } from '../project/transaction.js';
import { abandonTarget, findCollisions, inspectTarget, openTarget, readExisting, writeProject } from '../project/write-new.js';
import { shellQuote } from '../shell-quote.js';
import { groundworkCommand } from './groundwork-command.js';
import { cancelled, trapInterrupts } from './interrupts.js';
import { parseArgs, type FlagSpec } from './args.js';
import { printHelp } from './help.js';
import { bold, cyan, dim, green, spinner } from './ui.js';
import { asAnswerCheck, askCategory, askProjectDir } from './wizard.js';

const flagSpecs: FlagSpec[] = [
  ...categories.map((c): FlagSpec => ({ name: c.id, type: 'string', accepted: `Accepted: ${c.options.map((o) => o.id).join(', ')}.` })),
  { name: 'yes', alias: 'y', type: 'boolean' },
  { name: 'no-install', type: 'boolean' },
  { name: 'no-git', type: 'boolean' },
  { name: 'pm', type: 'string', accepted: 'Accepted: npm.' },
  { name: 'force', type: 'boolean' },
  { name: 'dry-run', type: 'boolean' },
  { name: 'json', type: 'boolean' },
  { name: 'verbose', type: 'boolean' },
  { name: 'help', alias: 'h', type: 'boolean' },
  { name: 'version', alias: 'v', type: 'boolean' },
];

const DEFAULT_DIR = 'my-api';

/**
 * Generated projects install with `npm ci` from package-lock.json (their Dockerfile and CI workflow),
 * so another package manager is refused rather than half supported (see docs/decisions.md).
 */
function checkPackageManager(value: string | boolean | undefined, notes: string[]): PackageManager {
  if (value === undefined) {
    const detected = detectPackageManager();
    if (detected !== 'npm') notes.push(`You ran this with ${detected}; the project is installed with npm, which its Dockerfile and CI workflow use (npm ci from package-lock.json).`);
    return 'npm';
  }
  const pm = parsePackageManager(String(value), supportedPackageManagers);
  if (pm !== 'npm') throw new UsageError(`--pm ${pm} is not supported yet: generated projects install with npm ci from package-lock.json (in their Dockerfile and CI workflow). Leave --pm out, or use --pm npm.`);
  return pm;
}

/** Flags first; then prompts on a TTY without --yes; defaults otherwise (and we say so). */
async function answerStack(flags: Record<string, string | boolean>, interactive: boolean, notes: string[]): Promise<Stack> {
  const stack: Stack = {};
  const defaults = defaultStack();
  const defaulted: string[] = [];
  for (const category of categories) {
    const raw = flags[category.id];
    if (typeof raw === 'string') stack[category.id] = parseChoice(category, raw);
  }
  for (const category of categories) {
    if (stack[category.id]) continue;
    if (interactive) stack[category.id] = await askCategory(category);
    else {
      stack[category.id] = defaults[category.id]!;
      defaulted.push(`--${category.id} ${defaults[category.id]!.join(',')}`);
    }
  }
  if (defaulted.length > 0 && !flags.yes) notes.push(`No terminal to ask in, so defaults were taken: ${defaulted.join(' ')}`);
  return validateStack(stack);
}

export async function runCreate(argv: readonly string[]): Promise<number> {
  const { flags, positionals } = parseArgs(argv, flagSpecs, 'create-groundwork');
  if (flags.help) return (printHelp('create', flags.json === true), 0);
  if (flags.version) return (console.log(generatorVersion), 0);
  if (positionals.length > 1) throw new UsageError(`Expected one project directory, got ${positionals.length}: ${positionals.join(' ')}.`);

  const json = flags.json === true;
  const interactive = flags.yes !== true && process.stdin.isTTY === true && process.stdout.isTTY === true && !json;
  const notes: string[] = [];
  const pm = checkPackageManager(flags.pm, notes);
  const force = flags.force === true;
  const interrupts = trapInterrupts(() => cancelled(argv));
  try {
    let dir = positionals[0];
    if (dir === undefined) {
      // The wizard asks again on a name npm refuses or a directory that cannot be used.
      if (interactive) dir = await askProjectDir(DEFAULT_DIR, asAnswerCheck((answer) => (checkProjectName(answer), existsSync(join(resolve(answer), TX_DIR)) || inspectTarget(resolve(answer), force))));
      else {
        dir = DEFAULT_DIR;
        notes.push(`No directory given, so the project goes to ./${DEFAULT_DIR}`);
      }
    }
    const projectName = checkProjectName(dir);
    const target = resolve(dir);
    // Fail before any question; a run that died in the target is undone once we hold its lock.
    if (!existsSync(join(target, TX_DIR))) inspectTarget(target, force);
    const stack = await answerStack(flags, interactive, notes);
    if (!flags['no-install'] && flags['dry-run'] !== true) checkPackageManagerInstalled(pm);

    const generator = generatorSpecOf(packageRoot, generatorVersion);
    const composition = await composeStack(projectName, stack, { generatorSpec: generator.spec });
    // The store's first migration: project history from here on, so not part of the composition.
    const migration = new Map(
      migrationChanges(composition.modules, composition.groundwork.resources, new Map(), { when: INITIAL_MIGRATION_WHEN, name: 'init' }).flatMap((change) =>
        change.kind === 'delete' ? [] : [[change.path, change.contents] as const],
      ),
    );
    const written = new Map([...composition.files, ...migration]);
    for (const module of composition.implied) notes.push(`${module.title} comes with ${module.by.join(', ')}.`);
    if (generator.source === 'tarball' || generator.source === 'directory') {
      notes.push(`This generator is on no registry, so the project's groundwork script runs it from ${generator.spec.slice('file:'.length)}: keep it there, or switch to a published version before sharing the project (in package.json, "groundwork": "npm exec --yes --package=create-groundwork@<version> -- groundwork").`);
    }

    const summary = {
      dir: target,
      name: projectName,
      stack,
      modules: composition.groundwork.modules,
      files: [...generatedFiles(composition.groundwork), ...migration.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
      dryRun: flags['dry-run'] === true,
      packageManager: pm,
      installed: false,
      git: false,
      notes,
      nextSteps: [] as string[],
    };
    if (summary.dryRun) {
      if (json) console.log(JSON.stringify(summary, null, 2));
      else {
        console.log(`${bold('Dry run')}: would write ${summary.files.length} files to ${target}:`);
        for (const path of summary.files) {
          const contents = written.get(path);
          console.log(`  ${path} ${dim(contents === undefined ? '(generated secrets)' : `(${Buffer.byteLength(contents)} B)`)}`);
        }
        for (const note of notes) console.log(dim(`note: ${note}`));
      }
      return 0;
    }

    // Write: lock the target, then move every file in at once (project/transaction.ts).
    const command = `create-groundwork ${argv.join(' ')}`.trim();
    const open = openTarget(target, force, command);
    interrupts.phase(() => {
      abandonTarget(target, open);
      return cancelled(argv);
    });
    if (open.recovery.outcome === 'undone') notes.push(`An interrupted "${open.recovery.command}" had left files in ${target}; they were removed first.`);
    try {
      const collisions = findCollisions(target, written);
      if (collisions.length > 0) {
        throw new GroundworkError(`Target ${target} already has ${collisions.length} file(s) the project would replace; nothing was written:`, collisions.map((p) => `  ${p}`));
      }
      const changes: FileChange[] = [...written]
        .filter(([path, contents]) => readExisting(target, path) !== contents)
        .map(([path, contents]) => ({ path, contents, createOnly: true }));
      const existingEnv = readExisting(target, '.env');
      const env = envFileChange(existingEnv, generatedEnvValues(composition.modules, () => randomBytes(32).toString('base64url')));
      if (env) {
        // A new .env holds secrets: readable by its owner only.
        changes.push(existingEnv === undefined ? { path: '.env', contents: env.contents, mode: 0o600 } : { path: '.env', contents: env.contents });
        if (existingEnv !== undefined) notes.push(`Added ${env.added.join(', ')} to your existing .env (nothing in it was changed).`);
      }
      writeProject(target, open, changes, command);
    } catch (error) {
      abandonTarget(target, open);
      throw error;
    }

    interrupts.phase(() => {
      open.lock.release();
      const git = flags['no-git'] ? '' : ' (and git init did not run)';
      return `Interrupted: the project is written in ${target}, but "${pm} install" did not finish${git}. Run it there.`;
    });
    try {
      if (!flags['no-install']) {
        const progress = json ? undefined : spinner(`Installing dependencies with ${pm}`);
        try {
          await installDependencies(target, pm);
          progress?.stop(green('Dependencies installed'));
          summary.installed = true;
        } catch (error) {
          progress?.stop('Install failed');
          throw error;
        }
      }
      open.lock.release(); // before git: the lock file must not be committed
      if (!flags['no-git']) {
        const git = await initGitRepo(target, `Initial commit from create-groundwork ${generatorVersion}`);
        summary.git = git.committed;
        if (git.skipped) notes.push(`No git repository: ${git.skipped}.`);
        if (git.fallback.length > 0) {
          const used = git.fallback.map((field) => (field === 'user.name' ? `"${fallbackIdentity.name}" as author name` : `${fallbackIdentity.email} as email`));
          notes.push(`git has no ${git.fallback.join(' or ')} configured, so the initial commit has ${used.join(' and ')}.`);
        }
      }
    } finally {
      open.lock.release();
    }

    const cd = relative(process.cwd(), target) || '.';
    summary.nextSteps = [
      ...(cd !== '.' ? [`cd ${shellQuote(cd)}`] : []),
      ...(summary.installed ? [] : [`${pm} install`]),
      // The initial commit has no lockfile then, and the Dockerfile and CI install from it (npm ci).
      ...(summary.git && !summary.installed ? ['git add package-lock.json && git commit -m "Add package-lock.json"'] : []),
      runScript(pm, 'dev'),
      runScript(pm, 'test'),
    ];

    if (json) console.log(JSON.stringify(summary, null, 2));
    else {
      console.log(`\n${green('✔')} Created ${bold(projectName)} in ${target} (${summary.files.length} files)`);
      console.log(dim(`  ${categories.map((c) => `${c.id}: ${stack[c.id]!.join(',')}`).join('  ')}`));
      for (const note of notes) console.log(`${cyan('note:')} ${note}`);
      console.log(`\nNext steps:\n${summary.nextSteps.map((step) => `  ${step}`).join('\n')}`);
      console.log(dim(`\nLater: ${groundworkCommand(pm, 'add <category> <option>')}   (${groundworkCommand(pm, 'list')} shows them)`));
    }
    return 0;
  } finally {
    interrupts.release();
  }
}
