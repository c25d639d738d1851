/**
 * Validation-rule expressions: arithmetic (+ − × ÷, parentheses, numbers) over slot keys such as
 * `members.admitted` or `members.active|sex:female`. Parsed once into a tree; evaluated against
 * a report's values, a missing value counting as 0 (and the rule skipped when every value it
 * names is missing).
 */
export type Expr =
  | { kind: 'num'; value: number }
  | { kind: 'ref'; key: string }
  | { kind: 'op'; op: '+' | '-' | '*' | '/'; left: Expr; right: Expr }
  | { kind: 'neg'; arg: Expr };

const TOKEN =
  /\s*(?:(\d+(?:\.\d+)?)|([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*(?:\|[a-z_]+:[a-z0-9<>+_-]+)?)|([-+*/()]))/y;

export class ExpressionError extends Error {}

/** Parses an expression, or throws ExpressionError naming the position. */
export function parseExpression(text: string): Expr {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  let pos = 0;
  while (pos < text.length) {
    if (/^\s*$/.test(text.slice(pos))) break;
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(text);
    if (!m)
      throw new ExpressionError(
        `unexpected character at ${pos + 1}: "${text.slice(pos, pos + 10)}"`,
      );
    tokens.push(m[1] ?? m[2] ?? m[3]!);
    pos = TOKEN.lastIndex;
  }
  let i = 0;
  const peek = () => tokens[i];
  const next = () => tokens[i++];
  function primary(): Expr {
    const t = next();
    if (t === undefined) throw new ExpressionError('unexpected end');
    if (t === '(') {
      const e = sum();
      if (next() !== ')') throw new ExpressionError('missing )');
      return e;
    }
    if (t === '-') return { kind: 'neg', arg: primary() };
    if (/^\d/.test(t)) return { kind: 'num', value: Number(t) };
    if (/^[a-z]/.test(t)) return { kind: 'ref', key: t };
    throw new ExpressionError(`unexpected "${t}"`);
  }
  function product(): Expr {
    let left = primary();
    while (peek() === '*' || peek() === '/') {
      const op = next() as '*' | '/';
      left = { kind: 'op', op, left, right: primary() };
    }
    return left;
  }
  function sum(): Expr {
    let left = product();
    while (peek() === '+' || peek() === '-') {
      const op = next() as '+' | '-';
      left = { kind: 'op', op, left, right: product() };
    }
    return left;
  }
  const e = sum();
  if (i !== tokens.length) throw new ExpressionError(`unexpected "${tokens[i]}"`);
  return e;
}

/** The slot keys an expression names. */
export function referencedKeys(e: Expr, out = new Set<string>()): Set<string> {
  if (e.kind === 'ref') out.add(e.key);
  else if (e.kind === 'op') {
    referencedKeys(e.left, out);
    referencedKeys(e.right, out);
  } else if (e.kind === 'neg') referencedKeys(e.arg, out);
  return out;
}

/** Evaluates with missing values as 0; null when every named value is missing or on ÷ 0. */
export function evaluate(
  e: Expr,
  values: Readonly<Record<string, number | null | undefined>>,
): number | null {
  const keys = [...referencedKeys(e)];
  if (keys.length > 0 && keys.every((k) => values[k] === null || values[k] === undefined))
    return null;
  const go = (x: Expr): number => {
    switch (x.kind) {
      case 'num':
        return x.value;
      case 'ref':
        return values[x.key] ?? 0;
      case 'neg':
        return -go(x.arg);
      case 'op': {
        const l = go(x.left);
        const r = go(x.right);
        if (x.op === '+') return l + r;
        if (x.op === '-') return l - r;
        if (x.op === '*') return l * r;
        return r === 0 ? NaN : l / r;
      }
    }
  };
  const v = go(e);
  return Number.isFinite(v) ? v : null;
}

export function compare(left: number, op: string, right: number): boolean {
  const eps = 1e-9;
  switch (op) {
    case '<=':
      return left <= right + eps;
    case '<':
      return left < right - eps;
    case '=':
      return Math.abs(left - right) <= eps;
    case '!=':
      return Math.abs(left - right) > eps;
    case '>=':
      return left >= right - eps;
    default:
      return left > right + eps;
  }
}
