// Test helper: just enough Bicep reading to hold the templates to the settings schema (Bicep cannot be compiled here).

/** Removes // and /* *\/ comments, keeping string literals (single-quoted, with \' escapes) intact. */
export function stripComments(src: string): string {
  let out = '';
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (ch === "'") {
      const end = stringEnd(src, i);
      out += src.slice(i, end + 1);
      i = end;
    } else if (ch === '/' && src[i + 1] === '/') {
      while (i < src.length && src[i] !== '\n') i++;
      out += '\n';
    } else if (ch === '/' && src[i + 1] === '*') {
      i = src.indexOf('*/', i + 2) + 1;
    } else {
      out += ch;
    }
  }
  return out;
}

function stringEnd(src: string, start: number): number {
  if (src.startsWith("'''", start)) return src.indexOf("'''", start + 3) + 2;
  for (let i = start + 1; i < src.length; i++) {
    if (src[i] === '\\') i++;
    else if (src[i] === "'") return i;
  }
  throw new Error(`unterminated string at ${start}`);
}

/** The text between the bracket at `open` and its match (exclusive), skipping strings. */
export function blockAt(src: string, open: number): string {
  const pairs: Record<string, string> = { '{': '}', '[': ']', '(': ')' };
  const stack: string[] = [];
  for (let i = open; i < src.length; i++) {
    const ch = src[i]!;
    if (ch === "'") i = stringEnd(src, i);
    else if (pairs[ch]) stack.push(pairs[ch]!);
    else if (ch === stack.at(-1)) {
      stack.pop();
      if (stack.length === 0) return src.slice(open + 1, i);
    }
  }
  throw new Error(`unbalanced bracket at ${open}`);
}

/** The object literal (without braces) that follows `key:` at the top level of `block`. */
export function objectProperty(block: string, key: string): string | undefined {
  const entries = topLevelEntries(block);
  const value = entries.get(key);
  if (value === undefined || !value.startsWith('{')) return undefined;
  return blockAt(value, 0);
}

/** Top-level `key: value` entries of an object literal body (value text trimmed). */
export function topLevelEntries(body: string): Map<string, string> {
  const entries = new Map<string, string>();
  let depth = 0;
  let lineStart = true;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch === "'" && !(depth === 0 && lineStart)) {
      i = stringEnd(body, i);
      lineStart = false;
      continue;
    }
    if (ch === '\n') {
      lineStart = true;
      continue;
    }
    if (/\s/.test(ch)) continue;
    if (depth === 0 && lineStart) {
      const m = /^('(?:[^'\\]|\\.)*'|[A-Za-z_][A-Za-z0-9_]*)\s*:\s*/.exec(body.slice(i));
      if (m) {
        const key = m[1]!.startsWith("'") ? m[1]!.slice(1, -1) : m[1]!;
        const valueStart = i + m[0].length;
        let end = valueStart;
        let d = 0;
        for (; end < body.length; end++) {
          const c = body[end]!;
          if (c === "'") end = stringEnd(body, end);
          else if ('{[('.includes(c)) d++;
          else if ('}])'.includes(c)) d--;
          else if (c === '\n' && d === 0) break;
        }
        entries.set(key, body.slice(valueStart, end).trim());
        i = end - 1;
        lineStart = false;
        continue;
      }
    }
    lineStart = false;
    if ('{[('.includes(ch)) depth++;
    else if ('}])'.includes(ch)) depth--;
  }
  return entries;
}

export interface BicepResource {
  symbol: string;
  type: string;
  apiVersion: string;
  existing: boolean;
  /** for a `[for x in …: {…}]` resource, the text between `[for` and `:` */
  loop: string;
  body: string;
}

export function resources(src: string): BicepResource[] {
  const text = stripComments(src);
  const found: BicepResource[] = [];
  const re = /^\s*resource\s+(\w+)\s+'([^'@]+)(?:@([^']+))?'\s+(existing\s+)?=\s*(?:\[for([^:]*):\s*)?(?:if\s*\([^)]*\)\s*)?\{/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const body = blockAt(text, m.index + m[0].length - 1);
    found.push({ symbol: m[1]!, type: m[2]!, apiVersion: m[3] ?? '', existing: Boolean(m[4]), loop: m[5] ?? '', body });
  }
  return found;
}

export interface BicepModule {
  symbol: string;
  path: string;
  params: Map<string, string>;
}

export function modules(src: string): BicepModule[] {
  const text = stripComments(src);
  const found: BicepModule[] = [];
  const re = /^\s*module\s+(\w+)\s+'([^']+)'\s*=\s*\{/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const body = blockAt(text, m.index + m[0].length - 1);
    found.push({ symbol: m[1]!, path: m[2]!, params: topLevelEntries(objectProperty(body, 'params') ?? '') });
  }
  return found;
}

export interface BicepParam {
  name: string;
  type: string;
  hasDefault: boolean;
  secure: boolean;
}

export function params(src: string): BicepParam[] {
  const text = stripComments(src);
  const found: BicepParam[] = [];
  const re = /^param\s+(\w+)\s+([\w[\]]+)(\s*=.*)?$/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const before = text.slice(Math.max(0, text.lastIndexOf('\n\n', m.index)), m.index);
    found.push({ name: m[1]!, type: m[2]!, hasDefault: Boolean(m[3]), secure: /@secure\(\)/.test(before) });
  }
  return found;
}

export function outputs(src: string): string[] {
  return [...stripComments(src).matchAll(/^output\s+(\w+)\s/gm)].map((m) => m[1]!);
}

/** App settings set by a `Microsoft.Web/sites/config` resource named 'appsettings': name → Bicep value expression. */
export function appSettings(src: string): Map<string, string> {
  const config = resources(src).filter(
    (r) => r.type === 'Microsoft.Web/sites/config' && topLevelEntries(r.body).get('name') === "'appsettings'",
  );
  if (config.length !== 1) throw new Error(`expected one appsettings config resource, found ${config.length}`);
  return topLevelEntries(objectProperty(config[0]!.body, 'properties') ?? '');
}

export interface SettingsDrift {
  /** required in Azure by the settings schema, not set by the template */
  missingFromTemplate: string[];
  /** set by the template, unknown to the settings schema and not a Functions host setting */
  unknownToSchema: string[];
  /** local-only (azure: false) settings the template sets with a plain value instead of a Key Vault reference */
  localOnlySetInAzure: string[];
}

/** Compares the template's app settings with the settings schema. */
export function compareSettings(
  templateSettings: Map<string, string>,
  schema: Record<string, { azure: boolean }>,
  hostSettings: readonly string[],
): SettingsDrift {
  const names = [...templateSettings.keys()];
  return {
    missingFromTemplate: Object.entries(schema)
      .filter(([name, s]) => s.azure && !templateSettings.has(name))
      .map(([name]) => name),
    unknownToSchema: names.filter((n) => !(n in schema) && !hostSettings.includes(n)),
    localOnlySetInAzure: names.filter(
      (n) => n in schema && !schema[n]!.azure && !/^'@Microsoft\.KeyVault\(/.test(templateSettings.get(n)!),
    ),
  };
}
