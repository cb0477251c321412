// The published CLI: one ESM bundle (loading ~40 small modules costs more at start than parsing a few
// files), plus dist/templates/<module>.js with every template precompiled, so generation needs only
// the handlebars runtime. Packages used only on some paths (prompts, execa, node-plop) stay external.
import { defineConfig, type Plugin } from 'rolldown';
import { categories, internalModules } from './src/catalog/catalog.ts';
import { precompileSource } from './src/compose/precompile.ts';
import { readModuleTemplates, readVersions } from './src/compose/template-files.ts';
import { precompiledFileName } from './src/compose/template-source.ts';

const templatesDir = new URL('./templates/', import.meta.url).pathname;
const moduleIds = [...internalModules, ...categories.flatMap((c) => c.options.map((o) => o.manifest))].map((m) => m.id);

function precompiledTemplates(): Plugin {
  return {
    name: 'groundwork-precompiled-templates',
    generateBundle() {
      for (const id of moduleIds) {
        const { files, readme } = readModuleTemplates(templatesDir, id);
        const entries = files.map((file) =>
          file.render
            ? `{ path: ${JSON.stringify(file.path)}, render: true, spec: ${precompileSource(file.contents)} }`
            : `{ path: ${JSON.stringify(file.path)}, render: false, contents: ${JSON.stringify(file.contents)} }`,
        );
        const source = `export default {\n  files: [\n${entries.join(',\n')}\n  ],\n  readme: ${readme === undefined ? 'undefined' : precompileSource(readme)},\n};\n`;
        this.emitFile({ type: 'asset', fileName: `templates/${precompiledFileName(id)}`, source });
      }
      this.emitFile({ type: 'asset', fileName: 'templates/versions.js', source: `export default ${JSON.stringify(readVersions(templatesDir))};\n` });
    },
  };
}

export default defineConfig({
  input: { cli: 'src/cli/main.ts' },
  platform: 'node',
  external: ['prompts', 'execa', 'node-plop'],
  transform: { define: { __GW_BUNDLED__: 'true' } },
  plugins: [precompiledTemplates()],
  output: { dir: 'dist', cleanDir: true, format: 'esm', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
});
