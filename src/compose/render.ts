// Renders precompiled templates on a private handlebars runtime (helpers stay off the global instance,
// which a project's own handlebars use must not see). Compile options (noEscape, strict) are baked in by precompile.ts.
import type HandlebarsApi from 'handlebars';
import Runtime from 'handlebars/runtime.js';

// The runtime package has the same API minus the compiler; its typings are empty.
const handlebars = (Runtime as unknown as typeof HandlebarsApi).create();
handlebars.registerHelper('json', (value: unknown) => JSON.stringify(value));
// Comparisons for the few places a template must choose; the last argument is handlebars' options.
handlebars.registerHelper('eq', (a: unknown, b: unknown) => a === b);
handlebars.registerHelper('ne', (a: unknown, b: unknown) => a !== b);
handlebars.registerHelper('and', (...args: unknown[]) => args.slice(0, -1).every(Boolean));
handlebars.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
handlebars.registerHelper('not', (value: unknown) => !value);
handlebars.registerHelper('join', (list: unknown[], separator: unknown) => list.join(typeof separator === 'string' ? separator : ', '));

const templates = new WeakMap<TemplateSpecification, HandlebarsTemplateDelegate>();

export function renderTemplate(spec: TemplateSpecification, context: object, name: string): string {
  const template = templates.get(spec) ?? handlebars.template(spec);
  templates.set(spec, template);
  try {
    return template(context);
  } catch (error) {
    throw new Error(`Template ${name}: ${(error as Error).message}`);
  }
}
