/**
 * The REPL as a user sees it: `node bin/dml.js repl` under a pseudo-terminal (python3's pty
 * module through pty-bridge.py; no node-pty), driven by keystrokes.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const bridge = path.join(path.dirname(fileURLToPath(import.meta.url)), 'pty-bridge.py');

const python = spawnSync('python3', ['-c', 'import pty, termios'], { encoding: 'utf8' });
const missing =
  python.status !== 0
    ? 'python3 with the pty module is not available'
    : !existsSync(path.join(root, 'dist/cli/repl/repl.js'))
      ? 'dist/ is not built (npm run build)'
      : undefined;
if (missing !== undefined) {
  if (process.env['CI']) throw new Error(`REPL terminal tests cannot run: ${missing}`);
  console.log(`skipping the REPL terminal tests: ${missing}`);
}

/** Escape sequences and carriage returns out, so tests match plain text. */
function plain(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').replace(/\r/g, '');
}

class Terminal {
  raw = '';
  private mark = 0;
  readonly child: ChildProcessWithoutNullStreams;
  readonly exited: Promise<number>;

  constructor(args: string[], env: NodeJS.ProcessEnv) {
    this.child = spawn('python3', [bridge, process.execPath, path.join(root, 'bin/dml.js'), ...args], {
      cwd: root,
      env,
    });
    this.child.stdout.on('data', (d: Buffer) => (this.raw += d.toString('utf8')));
    this.child.stderr.on('data', (d: Buffer) => (this.raw += d.toString('utf8')));
    this.exited = new Promise((res) => this.child.on('exit', (code) => res(code ?? -1)));
  }

  send(keys: string): void {
    this.child.stdin.write(keys);
  }

  /** Waits until the output since the last match contains `re`; returns that output (plain). */
  async expect(re: RegExp, timeoutMs = 20_000): Promise<string> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      // The mark counts plain characters: escape sequences split across chunks cannot shift it.
      const text = plain(this.raw).slice(this.mark);
      const m = re.exec(text);
      if (m) {
        this.mark += m.index + m[0].length;
        return text.slice(0, m.index + m[0].length);
      }
      if (Date.now() > end) throw new Error(`timed out waiting for ${re}; terminal shows:\n${text}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  all(): string {
    return plain(this.raw);
  }
}

const terminals: Terminal[] = [];
afterEach(() => {
  for (const t of terminals.splice(0)) if (t.child.exitCode === null) t.child.kill();
});

function start(history: string, args = ['repl'], extraEnv: NodeJS.ProcessEnv = {}): Terminal {
  const env: NodeJS.ProcessEnv = { ...process.env, DML_HISTORY: history, TERM: 'xterm', ...extraEnv };
  delete env['CI']; // the progress line is off in CI logs; these tests are a terminal
  const t = new Terminal(args, env);
  terminals.push(t);
  return t;
}

describe.skipIf(missing !== undefined)('REPL in a terminal', () => {
  it('keeps state, continues multi-line input, defines functions, survives errors, saves history', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'repl-pty-'));
    const history = path.join(dir, 'history');
    const t = start(history);
    await t.expect(/DML REPL[\s\S]*> $/);
    t.send('x = 3\r');
    await t.expect(/> $/);
    t.send('x * 2\r');
    expect(await t.expect(/\n6\n> $/)).toContain('6');
    // multi-line: the prompt turns to "+ " while the brace is open
    t.send('sq = function(Double a) return (Double b) {\r');
    await t.expect(/\+ $/);
    t.send('  b = a * a\r');
    await t.expect(/\+ $/);
    t.send('}\r');
    await t.expect(/> $/);
    t.send('sq(x)\r');
    await t.expect(/9\.0\n> $/);
    // an error prints its diagnostic with a code frame and the session goes on
    t.send('y = nope + 1\r');
    const err = await t.expect(/> $/);
    expect(err).toMatch(/error\[DML2001\]: undefined variable 'nope'/);
    expect(err).toMatch(/1 \| y = nope \+ 1/);
    t.send('y = x + 1\r');
    await t.expect(/> $/);
    t.send(':vars\r');
    const vars = await t.expect(/> $/);
    expect(vars).toMatch(/x\s+Integer 3/);
    expect(vars).toMatch(/y\s+Integer 4/);
    t.send(':quit\r');
    expect(await t.exited).toBe(0);
    const saved = readFileSync(history, 'utf8');
    expect(saved).toContain('x = 3\n');
    expect(saved).toContain(':vars\n');

    // history comes back in a new session: Up arrow recalls the last input
    const t2 = start(history);
    await t2.expect(/> $/);
    t2.send('\x1b[A');
    await t2.expect(/:quit$/);
  }, 60_000);

  it('completes names with TAB and answers :help lm from its doc header', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'repl-pty-'));
    const t = start(path.join(dir, 'history'));
    await t.expect(/> $/);
    t.send('myVariable = 7\r');
    await t.expect(/> $/);
    t.send('myVar\t');
    await t.expect(/myVariable$/);
    t.send('\r');
    await t.expect(/\n7\n> $/);
    t.send('rowSu\t');
    await t.expect(/rowSums$/);
    t.send('\x15'); // Ctrl-U: clear the line
    t.send(':help lm\r');
    const help = await t.expect(/OUTPUT:[\s\S]*> $/);
    expect(help).toMatch(/lm: linear regression/);
    expect(help).toMatch(/icpt\s+Integer\s+0/);
    t.send(':help nrow\r');
    expect(await t.expect(/> $/)).toMatch(/nrow\(target\)\s+\(builtin\)/);
    t.send('\x04'); // Ctrl-D ends the session
    expect(await t.exited).toBe(0);
  }, 60_000);

  it('Ctrl-C interrupts a running loop without ending the session; at the prompt it prints a hint', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'repl-pty-'));
    const t = start(path.join(dir, 'history'));
    await t.expect(/> $/);
    t.send('i = 0\r');
    await t.expect(/> $/);
    t.send('while (TRUE) { i = i + 1 }\r');
    await new Promise((r) => setTimeout(r, 1000));
    t.send('\x03');
    await t.expect(/interrupted\n> $/);
    // an interrupted input changes no variable (variables are updated when an input completes)
    t.send('i\r');
    await t.expect(/\n0\n> $/);
    t.send('z = 40 + 2\r');
    await t.expect(/> $/);
    t.send('z\r');
    await t.expect(/\n42\n> $/);
    t.send('\x03');
    await t.expect(/To leave, type :quit or press Ctrl-D[\s\S]*> $/);
    t.send(':quit\r');
    expect(await t.exited).toBe(0);
  }, 60_000);

  it(':load runs a file in the session', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'repl-pty-'));
    const f = path.join(dir, 'lib.dml');
    writeFileSync(
      f,
      'double = function(Double a) return (Double b) { b = 2 * a }\nk = 21\nprint("loaded")\n',
    );
    const t = start(path.join(dir, 'history'));
    await t.expect(/> $/);
    t.send(`:load ${f}\r`);
    await t.expect(/loaded\n> $/);
    t.send('double(k)\r');
    await t.expect(/42\.0\n> $/);
    t.send(':quit\r');
    expect(await t.exited).toBe(0);
  }, 60_000);

  it('a script running longer than 2 s shows a progress line on the terminal, cleared at the end; --quiet hides it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'repl-pty-'));
    const f = path.join(dir, 'slow.dml');
    // Runs for 2.6 s of wall time whatever the machine's speed.
    writeFileSync(
      f,
      't0 = time()\nn = 0\nwhile (time() - t0 < 2600000000) {\n  n = n + 1\n}\nprint("done")\n',
    );
    const t = start(path.join(dir, 'history'), ['-f', f]);
    expect(await t.exited).toBe(0);
    // eslint-disable-next-line no-control-regex
    expect(t.raw).toMatch(/\r\[dml\] (line \d+.*· )?while loop at line 3, iteration \d+ · 2\.\d s\x1b\[K/);
    // eslint-disable-next-line no-control-regex
    expect(t.raw).toMatch(/\r\x1b\[Kdone/); // cleared before the script's output
    const q = start(path.join(dir, 'history'), ['-f', f, '--quiet']);
    expect(await q.exited).toBe(0);
    expect(q.raw).not.toContain('[dml]');
    expect(plain(q.raw)).toContain('done');
  }, 60_000);

  it('a long REPL input shows the progress line with its statement line, then the prompt', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'repl-pty-'));
    const t = start(path.join(dir, 'history'));
    await t.expect(/> $/);
    t.send('t0 = time(); n = 0\r');
    await t.expect(/> $/);
    t.send('while (time() - t0 < 2600000000) {\r');
    await t.expect(/\+ $/);
    t.send('  n = n + 1\r}\r');
    await t.expect(/\[dml\] line \d+ .*while loop at line 1, iteration \d+ · 2\.\d s/);
    await t.expect(/> $/);
    t.send('n > 0\r');
    await t.expect(/TRUE\n> $/);
    t.send(':quit\r');
    expect(await t.exited).toBe(0);
  }, 60_000);

  it('-stats prints statistics after each input, with the -config and calibrated rates the planner used', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'repl-pty-'));
    const cache = path.join(dir, 'cache');
    mkdirSync(path.join(cache, 'tessera'), { recursive: true });
    writeFileSync(path.join(cache, 'tessera', 'machine.json'), JSON.stringify({ gflops: 123.5, bandwidthGBs: 45.5 }));
    const conf = path.join(dir, 'conf.json');
    writeFileSync(conf, JSON.stringify({ dynamicRecompilation: false }));
    const csv = path.join(dir, 'X.csv');
    writeFileSync(csv, '1,2\n3,4\n');
    const t = start(path.join(dir, 'history'), ['repl', '-stats', '-config', conf], { XDG_CACHE_HOME: cache });
    await t.expect(/> $/);
    t.send(`X = read("${csv}", format="csv"); print(sum(X %*% X))\r`);
    const shown = await t.expect(/> $/);
    expect(shown).toContain('54.0');
    expect(shown).toMatch(/Number of executed instructions:\s+\d+/);
    expect(shown).toMatch(/HOP DAGs recompiled:\s+0 /);
    expect(shown).toMatch(/Planner machine:\s+123\.5 GFLOP\/s \(calibrated\), 45\.5 GB\/s \(calibrated\)/);
    t.send(':quit\r');
    expect(await t.exited).toBe(0);
  }, 60_000);
});
