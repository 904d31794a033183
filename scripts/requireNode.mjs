// Imported first by `npm start` (scripts/start.mjs): on a Node older than package.json's engines,
// stop with one line saying which version is needed, before anything else loads.
import { readFileSync } from 'node:fs';

const { engines } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const needed = /(\d+)\.(\d+)/.exec(engines.node);
const [major, minor] = process.versions.node.split('.').map(Number);
if (needed && (major < Number(needed[1]) || (major === Number(needed[1]) && minor < Number(needed[2])))) {
  console.error(
    `This needs Node.js ${needed[1]}.${needed[2]} or newer (Node ${needed[1]}, as Azure runs it; see .nvmrc); this is Node ${process.versions.node}.`,
  );
  process.exit(1);
}
