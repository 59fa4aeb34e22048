import { measureColdStarts } from './measure-cold-start.js';
import { sandboxServer, prismServer } from './bench-targets.js';
const withPrism = process.argv.includes('--prism');
const r = await measureColdStarts(withPrism ? { sandbox: sandboxServer(), prism: prismServer() } : { sandbox: sandboxServer() }, Number(process.argv[2] ?? 5));
console.log(JSON.stringify(r));
