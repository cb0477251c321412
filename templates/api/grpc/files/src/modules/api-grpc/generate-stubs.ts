// `npm run proto:generate`: the types of every proto under proto/ into ./generated (see stubs.ts).
import { GENERATED_DIR, generateStubs } from './stubs.js';

const files = await generateStubs();
console.log(files.length === 0 ? 'No protos under proto/: nothing to generate.' : `Generated ${GENERATED_DIR} from ${files.join(', ')}`);
