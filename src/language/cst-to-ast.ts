/**
 * CST (chevrotain) -> AST (ast.ts). Also reports the errors the grammar accepts on purpose so it
 * can explain them: misplaced function definitions (DML1006), bad type names (DML1007), chained
 * assignment (DML1008), `{ }` blocks as statements (DML1009) and a few more (docs/diagnostics.md).
 *
 * After a syntax error the parser hands back partial nodes. A statement whose pieces are missing
 * is dropped (the parser already reported why); the rest of the program is kept.
 */
import type { CstElement, CstNode, IToken } from 'chevrotain';
import { EOF, tokenMatcher } from './chevrotain-runtime.js';
import { diag, type Diagnostic } from '../common/diagnostics.js';
import { joinSpans, type Span } from '../common/span.js';
import type { DataType, ValueType } from '../common/types.js';
import type {
  Argument,
  AssignStmt,
  BinaryOp,
  CallExpr,
  CommandLineArg,
  Expr,
  FunctionDef,
  Identifier,
  IndexExpr,
  IndexRange,
  IterablePredicate,
  OutputParam,
  Parameter,
  Statement,
  TypeSpec,
} from './ast.js';
import * as T from './tokens.js';

/** Thrown when a recovered CST node lacks a required part; caught per statement. */
class Incomplete extends Error {}

/** An operator waiting for its right operand while an expression is converted. */
interface PendingOp {
  readonly tok: IToken;
  readonly prec: number;
  /** A prefix `-`, `+` or `!` (one operand). */
  readonly prefix: boolean;
}

/** Binding strength, tightest highest (DML-REFERENCE.md "Operators, tightest first"). */
const BINARY_PREC = new Map<string, number>([
  ['|', 1],
  ['||', 1],
  ['&', 2],
  ['&&', 2],
  // 3: prefix !
  ['>', 4],
  ['>=', 4],
  ['<', 4],
  ['<=', 4],
  ['==', 4],
  ['!=', 4],
  ['+', 5],
  ['-', 5],
  ['*', 6],
  ['/', 6],
  ['%/%', 7],
  ['%%', 7],
  ['%*%', 8],
  // 9: prefix - and +
  ['^', 10],
]);
const NOT_PREC = 3;
const SIGN_PREC = 9;

const VALUE_TYPES = new Map<string, ValueType>([
  ['int', 'int'],
  ['integer', 'int'],
  ['string', 'string'],
  ['str', 'string'],
  ['boolean', 'boolean'],
  ['bool', 'boolean'],
  ['double', 'double'],
  ['float', 'double'],
  ['unknown', 'unknown'],
]);
const DATA_TYPES = new Map<string, DataType>([
  ['matrix', 'matrix'],
  ['frame', 'frame'],
  ['list', 'list'],
  ['scalar', 'scalar'],
]);

const DOUBLE_CONSTANTS: Readonly<Record<string, number>> = {
  NaN: Number.NaN,
  Inf: Number.POSITIVE_INFINITY,
  pi: Math.PI,
};

const ESCAPES: Readonly<Record<string, string>> = {
  b: '\b',
  t: '\t',
  n: '\n',
  f: '\f',
  r: '\r',
  '"': '"',
  "'": "'",
  '\\': '\\',
};

function isToken(e: CstElement): e is IToken {
  return (e as IToken).tokenType !== undefined;
}

function isRealToken(t: IToken): boolean {
  return !t.isInsertedInRecovery && Number.isFinite(t.startOffset) && !tokenMatcher(t, EOF);
}

export class CstToAst {
  readonly diagnostics: Diagnostic[] = [];
  /** Nesting depth of bodies (if/else/for/parfor/while/function): function definitions need 0. */
  private depth = 0;

  /** `resumePoints`: tokens where the parser resumed after a syntax error (see parser.ts). */
  constructor(
    private readonly file: string,
    private readonly resumePoints: ReadonlySet<IToken> = new Set(),
  ) {}

  // ------------------------------------------------------------ CST access helpers

  private tokens(n: CstNode, key: string): IToken[] {
    const list = n.children[key];
    return list === undefined ? [] : list.filter(isToken);
  }

  private nodes(n: CstNode, key: string): CstNode[] {
    const list = n.children[key];
    return list === undefined ? [] : (list.filter((e) => !isToken(e)) as CstNode[]);
  }

  private token(n: CstNode, key: string, i = 0): IToken {
    const t = this.tokens(n, key)[i];
    if (t === undefined || !isRealToken(t)) throw new Incomplete(key);
    return t;
  }

  private optToken(n: CstNode, key: string, i = 0): IToken | undefined {
    const t = this.tokens(n, key)[i];
    return t !== undefined && isRealToken(t) ? t : undefined;
  }

  private node(n: CstNode, key: string, i = 0): CstNode {
    const c = this.nodes(n, key)[i];
    if (c === undefined) throw new Incomplete(key);
    return c;
  }

  private optNode(n: CstNode, key: string, i = 0): CstNode | undefined {
    return this.nodes(n, key)[i];
  }

  private tspan(t: IToken): Span {
    return T.tokenSpan(t, this.file);
  }

  /** The span of a node's text, from its first to its last real token. */
  private nspan(n: CstNode): Span {
    const loc = n.location;
    if (
      loc !== undefined &&
      Number.isFinite(loc.startLine) &&
      Number.isFinite(loc.startColumn) &&
      Number.isFinite(loc.endLine) &&
      Number.isFinite(loc.endColumn)
    ) {
      return {
        file: this.file,
        line: loc.startLine!,
        col: loc.startColumn!,
        endLine: loc.endLine!,
        endCol: loc.endColumn!,
      };
    }
    let first: IToken | undefined;
    let last: IToken | undefined;
    const walk = (m: CstNode): void => {
      for (const list of Object.values(m.children)) {
        for (const e of list) {
          if (isToken(e)) {
            if (!isRealToken(e)) continue;
            if (first === undefined || e.startOffset < first.startOffset) first = e;
            if (last === undefined || e.startOffset > last.startOffset) last = e;
          } else walk(e);
        }
      }
    };
    walk(n);
    if (first === undefined || last === undefined) throw new Incomplete('span');
    return joinSpans(this.tspan(first), this.tspan(last));
  }

  private report(code: string, message: string, span: Span, hint?: string): void {
    this.diagnostics.push(diag(code, message, span, hint));
  }

  // ------------------------------------------------------------ statements

  program(n: CstNode): Statement[] {
    return this.statementList(this.nodes(n, 'statement'));
  }

  private statementList(list: readonly CstNode[]): Statement[] {
    const out: Statement[] = [];
    for (const s of list) out.push(...this.statement(s));
    return out;
  }

  private statement(n: CstNode): Statement[] {
    const block = this.optNode(n, 'block');
    if (block !== undefined) {
      const open = this.optToken(block, 'LCurly');
      // a body whose broken header was skipped by error recovery is not a misplaced block
      if (open !== undefined && !this.resumePoints.has(open)) {
        this.report(
          'DML1009',
          "braces '{ }' are only allowed as the body of if, else, for, parfor, while or a function",
          this.tspan(open),
          'remove the braces or attach them to a statement',
        );
      }
      return this.statementList(this.nodes(block, 'statement'));
    }
    const simple = this.optNode(n, 'simpleStatement');
    return simple === undefined ? [] : this.simpleStatement(simple);
  }

  private simpleStatement(n: CstNode): Statement[] {
    try {
      const [key, child] = this.onlyChild(n);
      switch (key) {
        case 'ifStatement':
          return [this.ifStatement(child)];
        case 'forStatement':
          return [this.forStatement(child)];
        case 'whileStatement':
          return [this.whileStatement(child)];
        case 'sourceStatement':
          return [this.sourceStatement(child)];
        case 'setwdStatement':
          return [this.setwdStatement(child)];
        case 'multiAssignStatement':
          return this.multiAssign(child);
        case 'idStatement':
          return this.idStatement(child);
        default:
          return [];
      }
    } catch (e) {
      if (e instanceof Incomplete) return [];
      throw e;
    }
  }

  private onlyChild(n: CstNode): [string, CstNode] {
    for (const [key, list] of Object.entries(n.children)) {
      const c = list[0];
      if (c !== undefined && !isToken(c)) return [key, c];
    }
    throw new Incomplete('statement');
  }

  private body(n: CstNode): Statement[] {
    this.depth++;
    try {
      const block = this.optNode(n, 'block');
      if (block !== undefined) {
        // a block missing its '}' was reported by the parser; keep what it holds
        return this.statementList(this.nodes(block, 'statement'));
      }
      const simple = this.optNode(n, 'simpleStatement');
      return simple === undefined ? [] : this.simpleStatement(simple);
    } finally {
      this.depth--;
    }
  }

  /**
   * `if (c0) b0 else if (c1) b1 ... else bn`: each `else if` is an if statement in the else
   * branch of the previous one (spanning from its `if` to the end of the chain), built from the
   * last clause backwards, without recursion.
   */
  private ifStatement(n: CstNode): Statement {
    const condition = this.expression(this.node(n, 'expression'));
    const then = this.body(this.node(n, 'body'));
    const span = this.nspan(n);
    const chain: { condition: Expr; then: Statement[]; span: Span }[] = [];
    let broken = false;
    for (const c of this.nodes(n, 'elseIfClause')) {
      try {
        const start = this.tspan(this.token(c, 'If'));
        const at: Span = { ...span, line: start.line, col: start.col };
        chain.push({
          condition: this.expression(this.node(c, 'expression')),
          then: this.body(this.node(c, 'body')),
          span: at,
        });
      } catch (e) {
        // a broken clause is dropped with what follows it, as a broken nested if statement was
        if (!(e instanceof Incomplete)) throw e;
        broken = true;
        break;
      }
    }
    const elseBody = broken ? undefined : this.optNode(n, 'body', 1);
    let tail: Statement[] | undefined = broken
      ? []
      : elseBody !== undefined
        ? this.body(elseBody)
        : undefined;
    for (let i = chain.length - 1; i >= 0; i--) {
      const c = chain[i]!;
      tail = [
        tail !== undefined
          ? { kind: 'if', condition: c.condition, then: c.then, else: tail, span: c.span }
          : { kind: 'if', condition: c.condition, then: c.then, span: c.span },
      ];
    }
    if (tail !== undefined) return { kind: 'if', condition, then, else: tail, span };
    return { kind: 'if', condition, then, span };
  }

  private forStatement(n: CstNode): Statement {
    const parallel = this.optToken(n, 'Parfor') !== undefined;
    const varTok = this.token(n, 'Identifier');
    const variable = this.identifier(varTok);
    const first = this.expression(this.node(n, 'expression'));
    const second = this.optNode(n, 'expression', 1);
    let iterable: IterablePredicate;
    if (second !== undefined) {
      const to = this.expression(second);
      iterable = { kind: 'range', from: first, to, span: joinSpans(first.span, to.span) };
    } else {
      iterable = this.seqPredicate(first);
    }
    const params: Argument[] = this.nodes(n, 'namedValue').map((p) => this.namedValue(p));
    const body = this.body(this.node(n, 'body'));
    return { kind: 'for', parallel, variable, iterable, params, body, span: this.nspan(n) };
  }

  /** `for (i in seq(from, to[, by]))`: the only loop predicate that is not `from:to`. */
  private seqPredicate(e: Expr): IterablePredicate {
    if (
      e.kind === 'call' &&
      e.name === 'seq' &&
      e.namespace === undefined &&
      e.args.length >= 2 &&
      e.args.length <= 3
    ) {
      const byName = new Map<string, Expr>();
      const positional: Expr[] = [];
      for (const a of e.args) {
        if (a.name === undefined) positional.push(a.value);
        else byName.set(a.name, a.value);
      }
      const from = positional[0] ?? byName.get('from');
      const to = positional[1] ?? byName.get('to');
      const by = positional[2] ?? byName.get('incr') ?? byName.get('by');
      if (from !== undefined && to !== undefined) {
        return by === undefined
          ? { kind: 'seq', from, to, span: e.span }
          : { kind: 'seq', from, to, by, span: e.span };
      }
    }
    this.report(
      'DML1010',
      "a for loop iterates over 'from:to' or 'seq(from, to[, by])'",
      e.span,
      'for example: for (i in 1:n)',
    );
    throw new Incomplete('iterable');
  }

  private namedValue(n: CstNode): Argument {
    const name = this.token(n, 'Identifier');
    const value = this.expression(this.node(n, 'expression'));
    return { name: name.image, value, span: joinSpans(this.tspan(name), value.span) };
  }

  private whileStatement(n: CstNode): Statement {
    const condition = this.expression(this.node(n, 'expression'));
    const body = this.body(this.node(n, 'body'));
    return { kind: 'while', condition, body, span: this.nspan(n) };
  }

  private sourceStatement(n: CstNode): Statement {
    const path = this.stringValue(this.token(n, 'StringLiteral'));
    const ns = this.token(n, 'Identifier');
    if (ns.image.includes('::') || ns.image.includes('.')) {
      this.report('DML1011', `invalid namespace name '${ns.image}'`, this.tspan(ns));
    }
    return { kind: 'source', path, namespace: ns.image, span: this.nspan(n) };
  }

  private setwdStatement(n: CstNode): Statement {
    const path = this.stringValue(this.token(n, 'StringLiteral'));
    this.token(n, 'RParen');
    return { kind: 'setwd', path, span: this.nspan(n) };
  }

  private multiAssign(n: CstNode): Statement[] {
    const targets = this.tokens(n, 'Identifier')
      .filter(isRealToken)
      .map((t) => this.identifier(t));
    const op = this.token(n, 'AssignOp');
    if (op.image === '+=') {
      this.report('DML1001', "'+=' cannot assign several outputs; use '='", this.tspan(op));
      return [];
    }
    const callee = this.token(n, 'callee');
    const call = this.call(callee, this.node(n, 'callArgs'));
    return [{ kind: 'multiAssign', targets, call, span: this.nspan(n) }];
  }

  private idStatement(n: CstNode): Statement[] {
    const nameTok = this.token(n, 'Identifier');
    const callArgs = this.optNode(n, 'callArgs');
    if (callArgs !== undefined) {
      const call = this.call(nameTok, callArgs);
      return [{ kind: 'callStmt', call, span: call.span }];
    }
    const opTok = this.token(n, 'AssignOp');
    const op = opTok.image as AssignStmt['op'];
    const indexSuffix = this.optNode(n, 'indexSuffix');
    const funcTail = this.optNode(n, 'functionDefTail') ?? this.optNode(n, 'externalFunctionDefTail');
    if (funcTail !== undefined) {
      if (indexSuffix !== undefined || op === '+=') {
        this.report(
          'DML1001',
          `a function definition needs a plain name: 'name = function(...)'`,
          this.tspan(opTok),
        );
        return [];
      }
      const def = this.functionDef(nameTok, funcTail, n);
      if (this.depth > 0) {
        this.report(
          'DML1006',
          `function '${def.name}' must be defined at the top level of the script, not inside a block`,
          def.nameSpan,
        );
        return [];
      }
      return [def];
    }
    const target: Identifier | IndexExpr =
      indexSuffix === undefined ? this.variable(nameTok) : this.indexExpr(nameTok, indexSuffix);
    const ifdef = this.optNode(n, 'ifdefExpression');
    const chained = this.optToken(n, 'chainedOp');
    if (chained !== undefined) {
      // `a = b = 3` is a chain; `x = 3 +` followed by `y = 2` on the next line is a dangling operator
      const middle = this.expression(this.node(n, 'expression'));
      if (middle.span.line > (opTok.startLine ?? 0)) {
        // `y =` with nothing after it swallowed the next line's `z = 1`
        this.report('DML1001', `expected an expression after '${opTok.image}'`, this.tspan(opTok));
      } else if (middle.kind === 'id' || middle.kind === 'index') {
        this.report(
          'DML1008',
          'chained assignment is not supported in DML',
          this.tspan(chained),
          "assign each variable separately: 'b = 3; a = b'",
        );
      } else {
        const hint =
          chained.startLine !== nameTok.startLine
            ? 'is an operand missing at the end of a previous line?'
            : undefined;
        this.report('DML1001', `unexpected '${chained.image}'`, this.tspan(chained), hint);
      }
      return [];
    }
    const value = ifdef !== undefined ? this.ifdef(ifdef) : this.expression(this.node(n, 'expression'));
    return [{ kind: 'assign', target, op, value, span: this.nspan(n) }];
  }

  private ifdef(n: CstNode): Expr {
    const argTok = this.token(n, 'CommandLineArg');
    const arg: CommandLineArg = { kind: 'arg', name: argTok.image.slice(1), span: this.tspan(argTok) };
    const fallback = this.expression(this.node(n, 'expression'));
    this.token(n, 'RParen');
    return { kind: 'ifdef', arg, fallback, span: this.nspan(n) };
  }

  // ------------------------------------------------------------ functions

  private functionDef(nameTok: IToken, tail: CstNode, whole: CstNode): FunctionDef {
    const external = tail.name === 'externalFunctionDefTail';
    const name = nameTok.image;
    const nameSpan = this.tspan(nameTok);
    if (name.includes('::'))
      this.report('DML1011', `a function name cannot have a namespace: '${name}'`, nameSpan);
    const params = this.typedParams(this.node(tail, 'params')).map((p) => this.parameter(p));
    const outNode = this.optNode(tail, 'outputs');
    const outputs = outNode === undefined ? [] : this.typedParams(outNode).map((p) => this.output(p));
    this.checkDuplicates(params, 'parameter');
    this.checkDuplicates(outputs, 'output');
    let body: Statement[] = [];
    if (!external) {
      const block = this.node(tail, 'block');
      this.token(block, 'RCurly');
      this.depth++;
      try {
        body = this.statementList(this.nodes(block, 'statement'));
      } finally {
        this.depth--;
      }
    } else {
      this.token(tail, 'RParen');
    }
    return { kind: 'function', name, params, outputs, body, external, span: this.nspan(whole), nameSpan };
  }

  private checkDuplicates(list: readonly { name: string; span: Span }[], what: string): void {
    const seen = new Set<string>();
    for (const p of list) {
      if (seen.has(p.name)) this.report('DML1013', `duplicate ${what} '${p.name}'`, p.span);
      seen.add(p.name);
    }
  }

  private typedParams(n: CstNode): CstNode[] {
    // a ')' inserted by error recovery is fine: the parameters before it are complete
    return this.nodes(n, 'typedParam');
  }

  private parameter(n: CstNode): Parameter {
    const type = this.typeSpec(this.node(n, 'typeSpec'));
    const name = this.token(n, 'name');
    const def = this.optNode(n, 'expression');
    const span = this.nspan(n);
    if (def === undefined) return { name: name.image, type, span };
    return { name: name.image, type, default: this.expression(def), span };
  }

  private output(n: CstNode): OutputParam {
    const type = this.typeSpec(this.node(n, 'typeSpec'));
    const name = this.token(n, 'name');
    const def = this.optNode(n, 'expression');
    if (def !== undefined) {
      this.report('DML1012', `output '${name.image}' cannot have a default value`, this.nspan(def));
    }
    return { name: name.image, type, span: this.nspan(n) };
  }

  private typeSpec(n: CstNode): TypeSpec {
    const outer = this.token(n, 'outer');
    const inner = this.optToken(n, 'inner');
    const span = this.nspan(n);
    if (inner === undefined) {
      const vt = VALUE_TYPES.get(outer.image.toLowerCase());
      if (vt !== undefined) return { dataType: 'scalar', valueType: vt, span };
      const dt = DATA_TYPES.get(outer.image.toLowerCase());
      if (dt !== undefined && dt !== 'scalar') {
        this.report(
          'DML1007',
          `type '${outer.image}' needs a value type`,
          this.tspan(outer),
          `write ${outer.image}[${dt === 'frame' ? 'String' : dt === 'list' ? 'Unknown' : 'Double'}]`,
        );
      } else {
        this.report(
          'DML1007',
          `invalid type name '${outer.image}'`,
          this.tspan(outer),
          'value types: Double, Integer, Boolean, String, Unknown; data types: Matrix[..], Frame[..], List[..], Scalar[..]',
        );
      }
      return { dataType: dt ?? 'unknown', valueType: 'unknown', span };
    }
    const dt = DATA_TYPES.get(outer.image.toLowerCase());
    const vt = VALUE_TYPES.get(inner.image.toLowerCase());
    if (dt === undefined) {
      this.report(
        'DML1007',
        `invalid data type '${outer.image}'`,
        this.tspan(outer),
        'data types: Matrix, Frame, List, Scalar',
      );
    }
    if (vt === undefined) {
      this.report(
        'DML1007',
        `invalid value type '${inner.image}'`,
        this.tspan(inner),
        'value types: Double, Integer, Boolean, String, Unknown',
      );
    }
    return { dataType: dt ?? 'unknown', valueType: vt ?? 'unknown', span };
  }

  // ------------------------------------------------------------ expressions

  /**
   * `operand (op operand)*` -> tree by DML-REFERENCE.md's precedence table, with an explicit
   * operator stack (shunting-yard), so that long operator chains (`1 + 1 + ... + 1`, `- - - x`,
   * `a ^ b ^ ... ^ z`) use no JavaScript stack. Binary operators associate to the left, `^` to the
   * right. Prefix operators take as their operand everything that binds tighter than themselves,
   * as ANTLR's prefix alternatives do: `-2^2` is `-(2^2)`, `!a > b` is `!(a > b)`, `a & !b` works.
   */
  expression(n: CstNode): Expr {
    if (n.name !== 'expression') throw new Incomplete(n.name);
    const operands = this.nodes(n, 'operand');
    const ops = this.tokens(n, 'BinaryOp');
    if (operands.length === 0 || ops.length !== operands.length - 1 || !ops.every(isRealToken))
      throw new Incomplete('operand');
    const values: Expr[] = [];
    const pending: PendingOp[] = [];
    const reduce = (): void => {
      const top = pending.pop()!;
      const right = values.pop()!;
      if (top.prefix) {
        values.push({
          kind: 'unary',
          op: top.tok.image as '-' | '+' | '!',
          operand: right,
          span: joinSpans(this.tspan(top.tok), right.span),
        });
        return;
      }
      const left = values.pop()!;
      values.push({
        kind: 'binary',
        op: top.tok.image as BinaryOp,
        left,
        right,
        span: joinSpans(left.span, right.span),
      });
    };
    operands.forEach((node, i) => {
      const op = ops[i - 1];
      if (op !== undefined) {
        const prec = BINARY_PREC.get(op.image) ?? 0;
        // left-associative operators first finish what binds at least as tightly; `^` only tighter
        const rightAssoc = op.image === '^';
        for (let top = pending.at(-1); top !== undefined; top = pending.at(-1)) {
          if (rightAssoc ? top.prec <= prec : top.prec < prec) break;
          reduce();
        }
        pending.push({ tok: op, prec, prefix: false });
      }
      const prefixes = this.tokens(node, 'PrefixOp');
      if (!prefixes.every(isRealToken)) throw new Incomplete('prefix');
      for (const tok of prefixes)
        pending.push({ tok, prec: tok.image === '!' ? NOT_PREC : SIGN_PREC, prefix: true });
      values.push(this.atom(this.node(node, 'atom')));
    });
    while (pending.length > 0) reduce();
    return values[0]!;
  }

  private atom(n: CstNode): Expr {
    const id = this.optToken(n, 'Identifier');
    if (id !== undefined) {
      const args = this.optNode(n, 'callArgs');
      if (args !== undefined) return this.call(id, args);
      const idx = this.optNode(n, 'indexSuffix');
      if (idx !== undefined) return this.indexExpr(id, idx);
      // SystemDS's builtin constants (BuiltinConstant: Inf, NaN, pi), e.g. replace(X, pattern=NaN, ...).
      const constant = DOUBLE_CONSTANTS[id.image];
      if (constant !== undefined) return { kind: 'double', value: constant, span: this.tspan(id) };
      return this.variable(id);
    }
    const int = this.optToken(n, 'IntLiteral');
    if (int !== undefined) return this.intLiteral(int);
    const dbl = this.optToken(n, 'DoubleLiteral');
    if (dbl !== undefined)
      return {
        kind: 'double',
        value: Number.parseFloat(dbl.image.replace(/[lL]$/, '')),
        span: this.tspan(dbl),
      };
    const str = this.optToken(n, 'StringLiteral');
    if (str !== undefined) return { kind: 'string', value: this.stringValue(str), span: this.tspan(str) };
    const t = this.optToken(n, 'True');
    if (t !== undefined) return { kind: 'boolean', value: true, span: this.tspan(t) };
    const f = this.optToken(n, 'False');
    if (f !== undefined) return { kind: 'boolean', value: false, span: this.tspan(f) };
    const arg = this.optToken(n, 'CommandLineArg');
    if (arg !== undefined) return { kind: 'arg', name: arg.image.slice(1), span: this.tspan(arg) };
    const list = this.optNode(n, 'exprList');
    if (list !== undefined) {
      this.token(list, 'RBracket');
      const items = this.nodes(list, 'expression').map((e) => this.expression(e));
      return { kind: 'exprList', items, span: this.nspan(list) };
    }
    const inner = this.optNode(n, 'expression');
    if (inner !== undefined) {
      this.token(n, 'RParen');
      return this.expression(inner);
    }
    throw new Incomplete('atom');
  }

  private intLiteral(t: IToken): Expr {
    const text = t.image.replace(/[lL]$/, '');
    const value = Number(text);
    const span = this.tspan(t);
    // DML ints are 64-bit; beyond 2^53 a JS number would silently round
    if (!Number.isSafeInteger(value)) {
      this.report(
        'DML1014',
        `integer literal ${text} is too large (the limit is ${Number.MAX_SAFE_INTEGER})`,
        span,
        'write it as a double, e.g. 1e19',
      );
    }
    return { kind: 'int', value, span };
  }

  private stringValue(t: IToken): string {
    const q = t.image[0];
    // an unterminated string (already reported) runs to the end of its line
    const closed = t.image.length >= 2 && t.image.endsWith(q ?? '') && t.tokenType !== T.UnterminatedString;
    const body = t.image.slice(1, closed ? -1 : undefined);
    return body.replace(/\\(.)/g, (_m, c: string) => ESCAPES[c] ?? `\\${c}`);
  }

  private identifier(t: IToken): Identifier {
    return { kind: 'id', name: t.image, span: this.tspan(t) };
  }

  /** A variable reference: namespaced names (`ns::x`) only make sense as calls. */
  private variable(t: IToken): Identifier {
    if (t.image.includes('::')) {
      this.report(
        'DML1011',
        `'${t.image}' is a namespaced name; only functions can be namespaced (call it: ${t.image}(...))`,
        this.tspan(t),
      );
    }
    return this.identifier(t);
  }

  private call(nameTok: IToken, argsNode: CstNode): CallExpr {
    const close = this.optToken(argsNode, 'RParen');
    const args = this.nodes(argsNode, 'argument').map((a) => this.argument(a));
    const sep = nameTok.image.indexOf('::');
    const nameSpan = this.tspan(nameTok);
    // a ')' inserted by error recovery has no position: end the span at the last argument
    const end = close !== undefined ? this.tspan(close) : (args[args.length - 1]?.span ?? nameSpan);
    const span = joinSpans(nameSpan, end);
    if (sep >= 0) {
      return {
        kind: 'call',
        namespace: nameTok.image.slice(0, sep),
        name: nameTok.image.slice(sep + 2),
        args,
        span,
        nameSpan,
      };
    }
    return { kind: 'call', name: nameTok.image, args, span, nameSpan };
  }

  private argument(n: CstNode): Argument {
    const name = this.optToken(n, 'argName');
    const value = this.expression(this.node(n, 'expression'));
    if (name === undefined) return { value, span: value.span };
    return { name: name.image, value, span: joinSpans(this.tspan(name), value.span) };
  }

  private indexExpr(nameTok: IToken, n: CstNode): IndexExpr {
    const target = this.variable(nameTok);
    const close = this.token(n, 'RBracket');
    const rowsNode = this.optNode(n, 'rows');
    const colsNode = this.optNode(n, 'cols');
    const hasComma = this.optToken(n, 'Comma') !== undefined;
    const rows = rowsNode === undefined ? null : this.indexRange(rowsNode);
    const cols = colsNode === undefined ? null : this.indexRange(colsNode);
    if (!hasComma && rows === null) {
      this.report(
        'DML1015',
        `empty index '${nameTok.image}[]'`,
        joinSpans(target.span, this.tspan(close)),
        `write ${nameTok.image}[i] or ${nameTok.image}[,]`,
      );
    }
    return { kind: 'index', target, rows, cols, hasComma, span: joinSpans(target.span, this.tspan(close)) };
  }

  private indexRange(n: CstNode): IndexRange {
    const lower = this.expression(this.node(n, 'lower'));
    const upperNode = this.optNode(n, 'upper');
    if (upperNode === undefined) {
      if (this.optToken(n, 'Colon') !== undefined) throw new Incomplete('upper');
      return { lower, span: lower.span };
    }
    const upper = this.expression(upperNode);
    return { lower, upper, span: joinSpans(lower.span, upper.span) };
  }
}
