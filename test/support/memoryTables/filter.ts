// Table Storage in memory (../memoryTables.ts): the OData $filter subset Table Storage supports,
// parsed to a tree and matched against an entity as the service compares values (by Edm type; a
// missing property or a type mismatch matches nothing), and the key bounds a filter implies.
import { fail, type Edm, type Entity } from './values.js';

type Literal = { kind: 'lit'; type: Edm | 'null'; value: string | number | boolean | bigint | null };
export type Node =
  | Literal
  | { kind: 'prop'; name: string }
  | { kind: 'not'; of: Node }
  | { kind: 'bool'; op: 'and' | 'or'; left: Node; right: Node }
  | { kind: 'cmp'; op: 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le'; left: Node; right: Node };

const COMPARISONS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);

/** Parses the OData $filter subset Table Storage supports. */
export function parseFilter(text: string): Node {
  let i = 0;
  const bad = (): never => fail(400, 'InvalidInput', `Bad filter at ${i}: ${text}`);
  const ws = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const quoted = (): string => {
    // at a quote: '…' with '' for a quote
    i++;
    let s = '';
    for (;;) {
      if (i >= text.length) bad();
      const c = text[i++]!;
      if (c === "'") {
        if (text[i] === "'") {
          s += "'";
          i++;
        } else return s;
      } else s += c;
    }
  };
  const word = (): string => {
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
    return m ? m[0] : '';
  };
  const primary = (): Node => {
    ws();
    if (text[i] === '(') {
      i++;
      const inner = or();
      ws();
      if (text[i] !== ')') bad();
      i++;
      return inner;
    }
    if (text[i] === "'") return { kind: 'lit', type: 'Edm.String', value: quoted() };
    const num = /^-?\d+(\.\d+)?([eE][+-]?\d+)?([LlDdFfMm])?/.exec(text.slice(i));
    if (num) {
      i += num[0].length;
      const suffix = num[3]?.toUpperCase();
      const digits = num[0].replace(/[LlDdFfMm]$/, '');
      if (suffix === 'L') return { kind: 'lit', type: 'Edm.Int64', value: BigInt(digits) };
      if (suffix || num[1] || num[2]) return { kind: 'lit', type: 'Edm.Double', value: Number(digits) };
      return { kind: 'lit', type: 'Edm.Int32', value: Number(digits) };
    }
    const w = word();
    if (!w) bad();
    i += w.length;
    if (text[i] === "'" && /^(datetime|guid|X|binary)$/i.test(w)) {
      const v = quoted();
      if (/^datetime$/i.test(w)) {
        const t = Date.parse(v);
        if (Number.isNaN(t)) bad();
        return { kind: 'lit', type: 'Edm.DateTime', value: v };
      }
      if (/^guid$/i.test(w)) return { kind: 'lit', type: 'Edm.Guid', value: v.toLowerCase() };
      return { kind: 'lit', type: 'Edm.Binary', value: Buffer.from(v, 'hex').toString('base64') };
    }
    if (w === 'true' || w === 'false') return { kind: 'lit', type: 'Edm.Boolean', value: w === 'true' };
    if (w === 'null') return { kind: 'lit', type: 'null', value: null };
    return { kind: 'prop', name: w };
  };
  const comparison = (): Node => {
    const left = primary();
    ws();
    const op = word();
    if (COMPARISONS.has(op)) {
      i += op.length;
      const right = primary();
      return { kind: 'cmp', op: op as 'eq', left, right };
    }
    return left;
  };
  const not = (): Node => {
    ws();
    const w = word();
    if (w === 'not') {
      i += 3;
      return { kind: 'not', of: not() };
    }
    return comparison();
  };
  const and = (): Node => {
    let left = not();
    for (;;) {
      ws();
      if (word() !== 'and') return left;
      i += 3;
      left = { kind: 'bool', op: 'and', left, right: not() };
    }
  };
  const or = (): Node => {
    let left = and();
    for (;;) {
      ws();
      if (word() !== 'or') return left;
      i += 2;
      left = { kind: 'bool', op: 'or', left, right: and() };
    }
  };
  const tree = or();
  ws();
  if (i !== text.length) bad();
  return tree;
}

type Value = { type: Edm; value: string | number | boolean | bigint } | undefined;

function valueOf(node: Node, e: Entity): Value {
  if (node.kind === 'lit') return node.type === 'null' ? undefined : (node as { type: Edm; value: string | number | boolean | bigint });
  if (node.kind === 'prop') {
    if (node.name === 'PartitionKey') return { type: 'Edm.String', value: e.partitionKey };
    if (node.name === 'RowKey') return { type: 'Edm.String', value: e.rowKey };
    if (node.name === 'Timestamp') return { type: 'Edm.DateTime', value: e.timestamp };
    return e.props.get(node.name);
  }
  return { type: 'Edm.Boolean', value: matches(node, e) };
}

const NUMERIC = new Set<Edm>(['Edm.Int32', 'Edm.Double', 'Edm.Int64']);

/** -1, 0, 1, or undefined when the two cannot be compared (different types, or a missing property). */
function compare(a: Value, b: Value): number | undefined {
  if (!a || !b) return undefined;
  const order = <T>(x: T, y: T) => (x < y ? -1 : x > y ? 1 : 0);
  if (NUMERIC.has(a.type) && NUMERIC.has(b.type)) {
    if (a.type === 'Edm.Int64' || b.type === 'Edm.Int64') {
      if (!Number.isInteger(Number(a.value)) || !Number.isInteger(Number(b.value))) return order(Number(a.value), Number(b.value));
      return order(BigInt(a.value as string | number), BigInt(b.value as string | number));
    }
    return order(Number(a.value), Number(b.value));
  }
  if (a.type !== b.type) return undefined;
  switch (a.type) {
    case 'Edm.DateTime':
      return (
        order(Date.parse(a.value as string), Date.parse(b.value as string)) || order(subMs(a.value as string), subMs(b.value as string))
      );
    case 'Edm.Guid':
      return order(String(a.value).toLowerCase(), String(b.value).toLowerCase());
    case 'Edm.Binary':
      return Buffer.compare(Buffer.from(a.value as string, 'base64'), Buffer.from(b.value as string, 'base64'));
    case 'Edm.Boolean':
      return a.value === b.value ? 0 : undefined;
    default:
      return order(String(a.value), String(b.value));
  }
}

/** The digits of an instant beyond milliseconds (Timestamp has seven). */
function subMs(iso: string): number {
  const m = /\.\d{3}(\d*)/.exec(iso);
  return m?.[1] ? Number(`0.${m[1]}`) : 0;
}

export function matches(node: Node, e: Entity): boolean {
  switch (node.kind) {
    case 'bool':
      return node.op === 'and' ? matches(node.left, e) && matches(node.right, e) : matches(node.left, e) || matches(node.right, e);
    case 'not':
      return !matches(node.of, e);
    case 'cmp': {
      const c = compare(valueOf(node.left, e), valueOf(node.right, e));
      if (c === undefined) return false;
      switch (node.op) {
        case 'eq':
          return c === 0;
        case 'ne':
          return c !== 0;
        case 'gt':
          return c > 0;
        case 'ge':
          return c >= 0;
        case 'lt':
          return c < 0;
        case 'le':
          return c <= 0;
      }
      return false;
    }
    default: {
      const v = valueOf(node, e);
      return v?.type === 'Edm.Boolean' && v.value === true;
    }
  }
}

/** Key bounds implied by the top-level `and` of a filter, to skip what cannot match (a speed-up only). */
export function keyBounds(node: Node): { pk?: string; from?: string; to?: string } {
  const out: { pk?: string; from?: string; to?: string } = {};
  const visit = (n: Node) => {
    if (n.kind === 'bool' && n.op === 'and') {
      visit(n.left);
      visit(n.right);
    } else if (n.kind === 'cmp' && n.left.kind === 'prop' && n.right.kind === 'lit' && n.right.type === 'Edm.String') {
      const v = n.right.value as string;
      if (n.left.name === 'PartitionKey' && n.op === 'eq') out.pk = v;
      if (n.left.name === 'RowKey' && (n.op === 'ge' || n.op === 'gt' || n.op === 'eq') && (out.from === undefined || v > out.from))
        out.from = v;
    }
  };
  visit(node);
  return out;
}
