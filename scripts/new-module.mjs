#!/usr/bin/env node
// `npm run new-module -- <name> [--label 中文名] [--group <menu group>] [--icon <antd icon>]`
//
// Creates the skeleton of a business module on both sides from the templates
// in scripts/new-module/templates: the server folder (plug, routes, service,
// repo, policy, workflow, tables, migrations, seed, search entry, test), the
// shared schema file, the client module (API, labels, ledger and item pages),
// and the entries in the server registry, the client's page table and the
// 三员 matrix. The result compiles, migrates on both dialects and passes its
// own test (scripts/check-new-module.mjs proves it in CI); then the module is
// grown from there. Refuses to overwrite anything.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import * as prettier from 'prettier';

const ROOT = join(import.meta.dirname, '..');
const TEMPLATES = join(import.meta.dirname, 'new-module', 'templates');

const GROUPS = ['work', 'documents', 'info', 'support', 'rules', 'secrecy'];
/** Path segments the platform already answers under /api/<name> or /<name>, and words that would make odd identifiers. */
const RESERVED = new Set(['api', 'admin', 'me', 'auth', 'health', 'docs', 'attachments', 'login', 'notifications', 'todos', 'app', 'core', 'modules']);

function fail(message) {
  console.error(`new-module: ${message}`);
  process.exit(1);
}

function usage() {
  return [
    'usage: npm run new-module -- <name> [--label 中文名] [--group <group>] [--icon <icon>]',
    "  <name>    the module's name: lower-case letters and digits, starting with a letter (e.g. petition);",
    '            it is the folder, the table prefix, the URL (/api/<name>) and the workflow kind',
    '  --label   what users call one object, in Chinese (e.g. 信访件); default: the name',
    `  --group   the menu group: ${GROUPS.join(', ')}; default: work`,
    '  --icon    an @ant-design/icons component for the menu; default: AppstoreOutlined',
  ].join('\n');
}

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: { label: { type: 'string' }, group: { type: 'string' }, icon: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
});
if (opts.help) {
  console.log(usage());
  process.exit(0);
}
if (positionals.length !== 1) fail(`give exactly one module name\n${usage()}`);
const name = positionals[0];

// ── what may be generated ───────────────────────────────────────────────
if (!/^[a-z][a-z0-9]{1,29}$/.test(name))
  fail(`"${name}" is not a module name: use 2 to 30 lower-case letters and digits, starting with a letter (e.g. petition)\n${usage()}`);
const taken = [
  ...readdirSync(join(ROOT, 'src/server/core')),
  ...readdirSync(join(ROOT, 'src/server/modules')),
  ...readdirSync(join(ROOT, 'src/web/modules')),
  ...readdirSync(join(ROOT, 'src/shared')).map((f) => f.replace(/\.ts$/, '')),
];
if (RESERVED.has(name) || taken.includes(name))
  fail(`"${name}" is taken (an existing module, a platform folder or a path the platform answers); choose another name`);

const label = opts.label ?? name;
// The label lands in string literals and JSX text: letters only, no quotes or markup.
if (!/^[\p{Script=Han}A-Za-z0-9·（）]{1,20}$/u.test(label)) fail(`--label "${label}" must be 1 to 20 Chinese characters, letters or digits`);
const group = opts.group ?? 'work';
if (!GROUPS.includes(group)) fail(`--group must be one of ${GROUPS.join(', ')}`);
const icon = opts.icon ?? 'AppstoreOutlined';
if (!/^[A-Z][A-Za-z]+(Outlined|Filled|TwoTone)$/.test(icon)) fail(`--icon "${icon}" is not an @ant-design/icons name (e.g. AppstoreOutlined)`);
if (!existsSync(join(ROOT, 'node_modules/@ant-design/icons', 'lib/icons', `${icon}.js`))) fail(`@ant-design/icons has no ${icon}`);

// ── the migration's timestamp ───────────────────────────────────────────
/** Every migration name in the tree: a new one must sort after all of them, or a database that ran them would refuse it. */
function migrationNames(dir) {
  const out = [];
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...migrationNames(p));
    else if (e.endsWith('.ts')) for (const m of readFileSync(p, 'utf8').matchAll(/name: '(\d{12})_/g)) out.push(m[1]);
  }
  return out;
}
const stampOf = (d) => d.toISOString().replace(/[-:T]/g, '').slice(0, 12);
const parseStamp = (s) => new Date(Date.UTC(+s.slice(0, 4), +s.slice(4, 6) - 1, +s.slice(6, 8), +s.slice(8, 10), +s.slice(10, 12)));
let stamp = stampOf(new Date());
const latest = migrationNames(join(ROOT, 'src/server')).sort().at(-1);
if (latest && latest >= stamp) {
  stamp = stampOf(new Date(parseStamp(latest).getTime() + 60_000));
  console.log(`note: the newest migration is ${latest}, after the clock's ${stampOf(new Date())}: this one is ${stamp}`);
}

// ── the files ───────────────────────────────────────────────────────────
const Name = name[0].toUpperCase() + name.slice(1);
const tokens = {
  __migration__: `${stamp}_${name}_init`,
  __NAME__: name.toUpperCase(),
  __Name__: Name,
  __name__: name,
  __label__: label,
  __group__: group,
  __icon__: icon,
};
const fill = (text) => text.replace(/__(migration|NAME|Name|name|label|group|icon)__/g, (t) => tokens[t]);

const DESTINATIONS = { server: `src/server/modules/${name}`, shared: 'src/shared', web: `src/web/modules/${name}` };
const files = [];
for (const [side, dest] of Object.entries(DESTINATIONS)) {
  for (const tpl of readdirSync(join(TEMPLATES, side))) {
    if (!tpl.endsWith('.tpl')) continue;
    files.push({ path: join(dest, fill(tpl.slice(0, -'.tpl'.length))), text: fill(readFileSync(join(TEMPLATES, side, tpl), 'utf8')) });
  }
}
for (const f of files) if (existsSync(join(ROOT, f.path))) fail(`${f.path} exists already: nothing was written`);
for (const f of files) {
  const left = f.text.match(/__[A-Za-z]+__/);
  if (left) fail(`template for ${f.path} has an unknown placeholder ${left[0]}`);
}

// ── the central entries ─────────────────────────────────────────────────
/** Adds `entry` as the last element of the array literal that follows `marker`. */
function appendToArray(text, marker, entry, file) {
  const at = text.indexOf(marker);
  if (at < 0) fail(`${file}: cannot find "${marker}"; add ${entry} by hand`);
  const open = text.indexOf('[', at + marker.length - 1);
  let depth = 0;
  let close = -1;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '[') depth++;
    else if (text[i] === ']' && --depth === 0) {
      close = i;
      break;
    }
  }
  if (close < 0) fail(`${file}: the list after "${marker}" does not close`);
  const inner = text.slice(open + 1, close);
  const body = inner.trimEnd();
  const added = body === '' ? entry : body.endsWith(',') ? `${body}\n  ${entry},` : `${body}, ${entry}`;
  return text.slice(0, open + 1) + added + inner.slice(body.length) + text.slice(close);
}

/** Adds an import after the last import of a module of the same kind. */
function addImport(text, line, file) {
  const imports = [...text.matchAll(/^import .* from '\.\/modules\/.*';$/gm)];
  const last = imports.at(-1);
  if (!last) fail(`${file}: no module import to add ${line} after`);
  const end = last.index + last[0].length;
  return `${text.slice(0, end)}\n${line}${text.slice(end)}`;
}

const edits = [
  {
    path: 'src/server/registry.ts',
    edit: (t, p) =>
      appendToArray(
        addImport(t, `import { ${name}Module } from './modules/${name}/${name}.module.js';`, p),
        'export const installedModules: readonly ServerModule[] = [',
        `${name}Module`,
        p,
      ),
  },
  {
    path: 'src/web/registry.ts',
    edit: (t, p) =>
      appendToArray(
        addImport(t, `import { ${name}Module } from './modules/${name}/${name}.module.js';`, p),
        'export const installedModules: readonly ClientModule[] = [',
        `${name}Module`,
        p,
      ),
  },
  {
    // 三员分立: every route has its row; the business user (办公室主任) sees every item, the administrators none.
    path: 'test/sanyuan-matrix.test.ts',
    edit: (t, p) => {
      const start = t.indexOf('const ROWS: Row[] = [');
      const end = start < 0 ? -1 : t.indexOf('\n];', start);
      if (end < 0) fail(`${p}: cannot find the ROWS table; add the rows for /api/${name} by hand`);
      const anItem = `(await c.t.deps.db.selectFrom('${name}_items').select('id').executeTakeFirstOrThrow()).id`;
      const rows = [
        '',
        `  { route: 'POST /api/${name}', expect: BUSINESS(400), req: () => post('/api/${name}') },`,
        `  { route: 'GET /api/${name}', expect: BUSINESS(200), req: () => get('/api/${name}') },`,
        `  { route: 'GET /api/${name}/{id}', expect: BUSINESS(200), req: async (c) => get(\`/api/${name}/\${${anItem}}\`) },`,
        `  { route: 'POST /api/${name}/{id}/transitions', expect: BUSINESS(400), req: async (c) => post(\`/api/${name}/\${${anItem}}/transitions\`) },`,
      ].join('\n');
      return t.slice(0, end) + rows + t.slice(end);
    },
  },
];
const edited = edits.map((e) => {
  const before = readFileSync(join(ROOT, e.path), 'utf8');
  if (before.includes(`/${name}/${name}.module.js'`) || before.includes(`'GET /api/${name}'`)) fail(`${e.path} already lists ${name}: nothing was written`);
  return { path: e.path, text: e.edit(before, e.path) };
});

// ── write, formatted as `npm run lint` wants ────────────────────────────
async function formatted(path, text) {
  const config = (await prettier.resolveConfig(join(ROOT, path))) ?? {};
  try {
    return await prettier.format(text, { ...config, filepath: join(ROOT, path) });
  } catch (err) {
    // A template (or a registry the generator misread) that does not parse: say where, write nothing.
    fail(`${path} would not parse, nothing was written:\n${err instanceof Error ? err.message.split('\n').slice(0, 6).join('\n') : err}`);
  }
}
const out = [];
for (const f of [...files, ...edited]) out.push({ path: f.path, text: await formatted(f.path, f.text) });
for (const f of out) {
  mkdirSync(dirname(join(ROOT, f.path)), { recursive: true });
  writeFileSync(join(ROOT, f.path), f.text);
}

const rel = (p) => relative(process.cwd(), join(ROOT, p)) || '.';
console.log(`Module ${name} (${label}) created:`);
for (const f of files) console.log(`  + ${rel(f.path)}`);
for (const f of edited) console.log(`  ~ ${rel(f.path)}`);
console.log(`
Next:
  npx vitest run src/server/modules/${name} test/sanyuan-matrix.test.ts
      its test and its rows in the 三员 matrix (TEST_DATABASE_URL=… adds PostgreSQL)
  npm run dev
      the page "${label}" is in the menu
Then grow it: the columns in ${name}.tables.ts with a new migration, the states and actions
in ${name}.workflow.ts, who may do what in ${name}.policy.ts, the shapes in src/shared/${name}.ts.
See DEVELOPERS.md, "Adding a module".`);
