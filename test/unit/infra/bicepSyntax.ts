// Test helper: Bicep parsed with tree-sitter-bicep's grammar (WebAssembly, through web-tree-sitter).
// No Bicep compiler installs here (it ships on NuGet or as a download); a parse catches what the
// text checks in bicep.ts cannot: an unclosed bracket, a stray token, a declaration cut short.
import { Language, Parser, type Node } from 'web-tree-sitter';

export interface SyntaxProblem {
  /** 1-based line and column of the problem in the file */
  line: number;
  column: number;
  /** `ERROR` (text the grammar could not place) or `MISSING <token>` (a token the grammar expected) */
  what: string;
  /** the offending source text, clipped */
  text: string;
}

let parser: Promise<Parser> | undefined;

/** One parser for the whole test run (loading the grammar takes ~100 ms). */
function bicepParser(): Promise<Parser> {
  parser ??= (async () => {
    await Parser.init();
    const language = await Language.load(require.resolve('tree-sitter-bicep/tree-sitter-bicep.wasm'));
    return new Parser().setLanguage(language);
  })();
  return parser;
}

/** Every error and missing node in the parse of `source`; empty when it parses cleanly. */
export async function bicepSyntaxProblems(source: string): Promise<SyntaxProblem[]> {
  const tree = (await bicepParser()).parse(source);
  if (!tree) throw new Error('tree-sitter returned no tree');
  try {
    const problems: SyntaxProblem[] = [];
    const visit = (node: Node) => {
      if (node.isError || node.isMissing) {
        problems.push({
          line: node.startPosition.row + 1,
          column: node.startPosition.column + 1,
          what: node.isMissing ? `MISSING ${node.type}` : 'ERROR',
          text: node.text.slice(0, 60),
        });
      }
      if (node.hasError) for (const child of node.children) if (child) visit(child);
    };
    visit(tree.rootNode);
    return problems;
  } finally {
    tree.delete();
  }
}

/** The kinds of top-level declaration in `source` (resource_declaration, param, module…), in order. */
export async function bicepDeclarations(source: string): Promise<string[]> {
  const tree = (await bicepParser()).parse(source);
  if (!tree) throw new Error('tree-sitter returned no tree');
  try {
    return tree.rootNode.namedChildren.filter((n): n is Node => !!n && n.type !== 'comment').map((n) => n.type);
  } finally {
    tree.delete();
  }
}
