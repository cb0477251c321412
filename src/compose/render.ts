// Handlebars on a private instance (node-plop registers helpers on the global one), with no HTML
// escaping (we generate code) and strict lookups (a typo in a template is an error, not "").
import Handlebars from 'handlebars';

const handlebars = Handlebars.create();
handlebars.registerHelper('json', (value: unknown) => JSON.stringify(value));

const compiled = new Map<string, HandlebarsTemplateDelegate>();

export function renderTemplate(source: string, context: object, name: string): string {
  let template = compiled.get(source);
  if (!template) {
    template = handlebars.compile(source, { noEscape: true, strict: true });
    compiled.set(source, template);
  }
  try {
    return template(context);
  } catch (error) {
    throw new Error(`Template ${name}: ${(error as Error).message}`);
  }
}
