// The published CLI: one ESM bundle (loading ~40 small modules costs more at start than parsing a few
// files), plus dist/templates/<module>.js with every template precompiled, so generation needs only
// the handlebars runtime. Packages used only on some paths (prompts, execa) stay external.
import { defineConfig, type Plugin } from 'rolldown';
import { categories, internalModules } from './src/catalog/catalog.ts';
import { precompileSource } from './src/compose/precompile.ts';
import { PER_UNIT_KEYS, readModuleTemplates, readVersions, type RawTemplateFile } from './src/compose/template-files.ts';
import { precompiledFileName } from './src/compose/template-source.ts';

const templatesDir = new URL('./templates/', import.meta.url).pathname;
const moduleIds = [...internalModules, ...categories.flatMap((c) => c.options.map((o) => o.manifest))].map((m) => m.id);

function precompiledTemplates(): Plugin {
  return {
    name: 'groundwork-precompiled-templates',
    generateBundle() {
      for (const id of moduleIds) {
        const templates = readModuleTemplates(templatesDir, id);
        const entries = (list: RawTemplateFile[]) =>
          list
            .map((file) =>
              file.render
                ? `{ path: ${JSON.stringify(file.path)}, render: true, spec: ${precompileSource(file.contents)} }`
                : `{ path: ${JSON.stringify(file.path)}, render: false, contents: ${JSON.stringify(file.contents)} }`,
            )
            .join(',\n');
        const readmeSource = templates.readme === undefined ? 'undefined' : precompileSource(templates.readme);
        const lists = (['files', ...PER_UNIT_KEYS] as const).map((key) => `  ${key}: [\n${entries(templates[key])}\n  ],\n`).join('');
        const source = `export default {\n${lists}  readme: ${readmeSource},\n};\n`;
        this.emitFile({ type: 'asset', fileName: `templates/${precompiledFileName(id)}`, source });
      }
      this.emitFile({ type: 'asset', fileName: 'templates/versions.js', source: `export default ${JSON.stringify(readVersions(templatesDir))};\n` });
    },
  };
}

// GROUNDWORK_DEV_OUT=<dir>: a bundle for working on templates, written there instead of dist/, that reads
// (and precompiles) the template folders at generation time, so one module's broken template fails only
// the stacks that use it.
const devOut = process.env.GROUNDWORK_DEV_OUT;

export default defineConfig({
  input: { cli: 'src/cli/main.ts' },
  platform: 'node',
  external: ['prompts', 'execa'],
  transform: { define: { __GW_BUNDLED__: devOut ? 'false' : 'true' } },
  plugins: devOut ? [] : [precompiledTemplates()],
  output: { dir: devOut ?? 'dist', cleanDir: true, format: 'esm', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
});
