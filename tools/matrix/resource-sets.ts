// The resources each combination is composed with. A new project has the sample alone; a grown one has
// what `generate resource` made and no sample: a resource with every field type (a ref and optional
// fields included) and the resource it refers to; and a job and a GET and a POST route of its own
// (rendered where the stack has a queue, and REST). Per-resource files of one module and field set are
// the same in every stack, so the unit dedup (file-units.ts) compiles each once; the aggregated files
// (features/index.ts, route lists, schema lists) are checked per stack with both sets.
import { formatFields, parseFields } from '../../src/resources/fields.js';
import { SAMPLE_RESOURCE, type ResourceSpec } from '../../src/resources/resource.js';
import type { JobSpec } from '../../src/units/job.js';
import type { RouteSpec } from '../../src/units/route.js';

export interface ResourceSet {
  label: string;
  resources: readonly ResourceSpec[];
  jobs: readonly JobSpec[];
  routes: readonly RouteSpec[];
  /** The commands that give a project made with create-groundwork these resources. */
  commands: string[];
}

const customers: ResourceSpec = { name: 'customers', fields: parseFields('name:string') };
const lineItems: ResourceSpec = {
  name: 'lineItems',
  fields: parseFields(
    'label:string,memo:text?,quantity:integer,price:number,paid:boolean?,dueDate:datetime?,externalId:uuid?,status:enum(draft|sent|paid),customer:ref(customers),backup:ref(customers)?',
  ),
};

export const SAMPLE_SET: ResourceSet = { label: 'sample', resources: [SAMPLE_RESOURCE], jobs: [], routes: [], commands: [] };
export const GROWN_SET: ResourceSet = {
  label: 'grown',
  resources: [customers, lineItems],
  jobs: [{ name: 'send-reminder' }],
  routes: [
    { name: 'daily-report', method: 'GET' },
    { name: 'submit-form', method: 'POST' },
  ],
  commands: [
    'groundwork generate resource customer',
    `groundwork generate resource line-item --fields "${formatFields(lineItems.fields)}"`,
    'groundwork remove resource notes',
    'groundwork generate job send-reminder   # with a queue',
    'groundwork generate route daily-report && groundwork generate route submit-form --method POST   # with REST',
  ],
};

export const RESOURCE_SETS: readonly ResourceSet[] = [SAMPLE_SET, GROWN_SET];
