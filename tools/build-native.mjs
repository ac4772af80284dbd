#!/usr/bin/env node
// Builds Tessera's optional compiled kernels (native/*.c) into build/native/libtessera_kernels.so
// with the machine's C compiler, tuned for this CPU (-march=native). Runs on `npm ci`/`npm install`
// (the install script) and in `npm run build`. It never fails the install: without a compiler, or
// when compilation fails, it prints why and exits 0, and Tessera runs its TypeScript kernels.
// Skips the build when the library is newer than every source. TESSERA_NATIVE_BUILD=0 skips it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = path.join(root, 'native');
const outDir = path.join(root, 'build', 'native');
const lib = path.join(outDir, process.platform === 'darwin' ? 'libtessera_kernels.dylib' : 'libtessera_kernels.so');

function say(msg) {
  console.log(`tessera: compiled kernels: ${msg}`);
}

function main() {
  if (process.env.TESSERA_NATIVE_BUILD === '0') return say('skipped (TESSERA_NATIVE_BUILD=0)');
  if (process.platform === 'win32') return say('not built on Windows; the TypeScript kernels run');
  if (!existsSync(srcDir)) return say('no native/ sources in this package; the TypeScript kernels run');
  const sources = readdirSync(srcDir)
    .filter((f) => f.endsWith('.c'))
    .sort()
    .map((f) => path.join(srcDir, f));
  const headers = readdirSync(srcDir)
    .filter((f) => f.endsWith('.h'))
    .map((f) => path.join(srcDir, f));
  if (existsSync(lib) && !process.argv.includes('--force')) {
    const built = statSync(lib).mtimeMs;
    const newest = Math.max(...[...sources, ...headers, fileURLToPath(import.meta.url)].map((f) => statSync(f).mtimeMs));
    if (built > newest) return;
  }
  const cc = process.env.CC || 'cc';
  const probe = spawnSync(cc, ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0)
    return say(`no C compiler (${cc}) found; the TypeScript kernels run (install gcc or clang and run npm run build)`);
  const version = probe.stdout.split('\n')[0].trim();
  // IEEE semantics are kept (no -ffast-math): the sums are compensated (Kahan) and must not be
  // reassociated; -fno-math-errno only lets sqrt and friends inline.
  const flags = ['-O3', '-march=native', '-fno-math-errno', '-fPIC', '-shared', '-std=c11', '-Wall', '-Wextra'];
  const info = `${version}, ${flags.filter((f) => f.startsWith('-O') || f.startsWith('-m')).join(' ')}`;
  mkdirSync(outDir, { recursive: true });
  const tmp = `${lib}.${process.pid}.tmp`;
  const args = [...flags, `-DTESSERA_BUILD_INFO="${info.replace(/"/g, "'")}"`, '-o', tmp, ...sources, '-lm'];
  const r = spawnSync(cc, args, { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    rmSync(tmp, { force: true });
    const why = (r.stderr || String(r.error)).split('\n').filter(Boolean).slice(0, 12).join('\n  ');
    return say(`build failed; the TypeScript kernels run. ${cc} said:\n  ${why}`);
  }
  renameSync(tmp, lib);
  say(`built ${path.relative(root, lib)} (${info})`);
}

main();
