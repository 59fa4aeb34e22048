// Reads the Dockerfile for scripts/docker-equivalent-check.sh, so the check follows the file instead of a copy of it:
//   node scripts/dockerfile-stage.mjs copy <stage> <dir>   perform the stage's COPY instructions (not --from) into <dir>
//   node scripts/dockerfile-stage.mjs runs <stage>         print the stage's RUN commands, one per line
//   node scripts/dockerfile-stage.mjs argv <CMD|HEALTHCHECK> print the exec-form command, NUL-separated
import { cpSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const lines = readFileSync('Dockerfile', 'utf8')
  .replace(/\\\n\s*/g, ' ') // join continuation lines
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#'));

/** The instructions of one named stage (`FROM <image> AS <stage>` up to the next FROM). */
function instructions(stage) {
  let current;
  let seen = false;
  const found = [];
  for (const line of lines) {
    const from = line.match(/^FROM \S+ AS (\S+)$/i);
    if (from) {
      current = from[1];
      seen ||= current === stage;
    } else if (current === stage) found.push(line);
  }
  if (!seen) throw new Error(`Dockerfile: no stage "${stage}"`);
  return found;
}

/** COPY as Docker does it: a directory's contents go into the destination; several sources or a trailing / mean "into". */
function copy(stage, target) {
  for (const line of instructions(stage)) {
    if (!/^COPY /i.test(line) || /--from=/.test(line)) continue;
    const args = line.split(/\s+/).slice(1);
    const dest = join(target, args.pop());
    const into = args.length > 1 || /\/$/.test(line.split(/\s+/).at(-1));
    for (const source of args) {
      if (statSync(source).isDirectory()) {
        mkdirSync(dest, { recursive: true });
        cpSync(source, dest, { recursive: true });
      } else if (into) {
        mkdirSync(dest, { recursive: true });
        cpSync(source, join(dest, source.split('/').at(-1)));
      } else {
        cpSync(source, dest);
      }
    }
  }
}

const [command, ...rest] = process.argv.slice(2);
if (command === 'copy') {
  copy(rest[0], rest[1]);
} else if (command === 'runs') {
  for (const line of instructions(rest[0])) if (/^RUN /i.test(line)) console.log(line.slice(4));
} else if (command === 'argv') {
  const line = lines.find((candidate) => candidate.startsWith(`${rest[0]} `));
  const form = line?.match(/(\[.*\])$/);
  if (!form) throw new Error(`Dockerfile: no exec-form ${rest[0]}`);
  for (const arg of JSON.parse(form[1])) process.stdout.write(`${arg}\0`);
} else {
  throw new Error('usage: dockerfile-stage.mjs copy <stage> <dir> | runs <stage> | argv <CMD|HEALTHCHECK>');
}
