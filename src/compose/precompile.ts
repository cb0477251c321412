// Handlebars templates are precompiled: by the build for the published package, on the fly when
// running from source. Generation then only needs the small handlebars runtime, not the compiler.
import Handlebars from 'handlebars';
import type { RawTemplateFile } from './template-files.js';
import type { TemplateFile } from './template-source.js';

/** No HTML escaping (we generate code) and strict lookups (a typo is an error, not ""). */
export const compileOptions = { noEscape: true, strict: true } as const;

/** The precompiled template as JavaScript source: an object literal for `runtime.template()`. */
export function precompileSource(template: string): string {
  return Handlebars.precompile(template, compileOptions) as string;
}

/** The precompiled template as a value, for code that runs from source (dev, unit tests). */
export function precompileSpec(template: string): TemplateSpecification {
  return new Function(`return ${precompileSource(template)};`)() as TemplateSpecification;
}

/** A template file as read from disk, ready for compose: `.hbs` precompiled, the rest as is. */
export function precompileFile(file: RawTemplateFile): TemplateFile {
  return file.render ? { path: file.path, render: true, spec: precompileSpec(file.contents) } : { path: file.path, render: false, contents: file.contents };
}
