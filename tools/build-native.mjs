#!/usr/bin/env node
// Builds Tessera's optional native libraries into build/native/:
//   - libtessera_kernels.so: the compiled kernels (native/*.c), with the machine's C compiler,
//     tuned for this CPU (-march=native);
//   - libtessera_mpi.so: the MPI binding (native/mpi/*.c), with mpicc, when MPI is installed.
// Runs on `npm ci`/`npm install` (the install script) and in `npm run build`. It never fails the
// install: without a compiler, or when compilation fails, it prints why and exits 0, and Tessera
// runs its TypeScript kernels (and without MPI, no distributed execution). Skips a library that is
// newer than every one of its sources. TESSERA_NATIVE_BUILD=0 skips both.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'build', 'native');
const soExt = process.platform === 'darwin' ? 'dylib' : 'so';

function sayer(label) {
  return (msg) => console.log(`tessera: ${label}: ${msg}`);
}

/** The files in `dir` ending in `ext`, sorted, as full paths. */
function filesIn(dir, ext) {
  return readdirSync(dir)
    .filter((f) => f.endsWith(ext))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Whether `lib` is newer than every input (and this script); --force always rebuilds. */
function upToDate(lib, inputs) {
  if (!existsSync(lib) || process.argv.includes('--force')) return false;
  const newest = Math.max(...[...inputs, fileURLToPath(import.meta.url)].map((f) => statSync(f).mtimeMs));
  return statSync(lib).mtimeMs > newest;
}

/** The first line of `cmd --version`, or undefined when the command cannot run. */
function compilerVersion(cmd) {
  const probe = spawnSync(cmd, ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return undefined;
  return probe.stdout.split('\n')[0].trim();
}

/** Compiles into a temporary file and renames it, so a failed build never leaves a broken library. */
function compile(cmd, args, lib) {
  mkdirSync(outDir, { recursive: true });
  const tmp = `${lib}.${process.pid}.tmp`;
  const r = spawnSync(cmd, [...args, '-o', tmp], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    rmSync(tmp, { force: true });
    return (r.stderr || String(r.error)).split('\n').filter(Boolean).slice(0, 12).join('\n  ');
  }
  renameSync(tmp, lib);
  return undefined;
}

function buildKernels() {
  const say = sayer('compiled kernels');
  const srcDir = path.join(root, 'native');
  const lib = path.join(outDir, `libtessera_kernels.${soExt}`);
  if (!existsSync(srcDir)) return say('no native/ sources in this package; the TypeScript kernels run');
  const sources = filesIn(srcDir, '.c');
  if (upToDate(lib, [...sources, ...filesIn(srcDir, '.h')])) return;
  const cc = process.env.CC || 'cc';
  const version = compilerVersion(cc);
  if (version === undefined)
    return say(`no C compiler (${cc}) found; the TypeScript kernels run (install gcc or clang and run npm run build)`);
  // IEEE semantics are kept (no -ffast-math): the sums are compensated (Kahan) and must not be
  // reassociated; -fno-math-errno only lets sqrt and friends inline.
  const flags = ['-O3', '-march=native', '-fno-math-errno', '-fPIC', '-shared', '-std=c11', '-Wall', '-Wextra'];
  const info = `${version}, ${flags.filter((f) => f.startsWith('-O') || f.startsWith('-m')).join(' ')}`;
  const failed = compile(cc, [...flags, `-DTESSERA_BUILD_INFO="${info.replace(/"/g, "'")}"`, ...sources, '-lm'], lib);
  if (failed !== undefined) return say(`build failed; the TypeScript kernels run. ${cc} said:\n  ${failed}`);
  say(`built ${path.relative(root, lib)} (${info})`);
}

/**
 * The MPI binding, with the MPI's own compiler wrapper (it knows where mpi.h and libmpi are).
 * Each -L directory the wrapper links from also goes into the library's run path, so that it
 * finds libmpi where the wrapper did, also when that directory is not on the loader's path.
 */
function buildMpi() {
  const say = sayer('MPI binding');
  const srcDir = path.join(root, 'native', 'mpi');
  const lib = path.join(outDir, `libtessera_mpi.${soExt}`);
  if (!existsSync(srcDir)) return say('no native/mpi/ sources in this package; distributed execution is unavailable');
  const sources = filesIn(srcDir, '.c');
  if (upToDate(lib, [...sources, ...filesIn(srcDir, '.h')])) return;
  const mpicc = process.env.MPICC || 'mpicc';
  const version = compilerVersion(mpicc);
  if (version === undefined)
    return say(
      `not built: no ${mpicc} found (install Open MPI or MPICH with its development files, e.g. openmpi-bin libopenmpi-dev, and run npm run build)`,
    );
  const link = spawnSync(mpicc, ['--showme:link'], { encoding: 'utf8' });
  const rpaths = (link.status === 0 ? link.stdout : '')
    .split(/\s+/)
    .filter((a) => a.startsWith('-L'))
    .map((a) => `-Wl,-rpath,${a.slice(2)}`);
  const flags = ['-O2', '-fPIC', '-shared', '-std=c11', '-Wall', '-Wextra'];
  const failed = compile(mpicc, [...flags, ...sources, ...rpaths, '-ldl', '-lm'], lib);
  if (failed !== undefined)
    return say(`build failed; distributed execution is unavailable. ${mpicc} said:\n  ${failed}`);
  say(`built ${path.relative(root, lib)} (${version})`);
}

function main() {
  if (process.env.TESSERA_NATIVE_BUILD === '0') return sayer('native libraries')('skipped (TESSERA_NATIVE_BUILD=0)');
  if (process.platform === 'win32') return sayer('native libraries')('not built on Windows; the TypeScript kernels run');
  buildKernels();
  buildMpi();
}

main();
