/**
 * Jupyter notebooks (nbformat 4) as gridgraph reads and parameterises them: checked, their
 * outputs stripped (they are made again when run), and parameters injected the way papermill
 * does it: a cell tagged `injected-parameters` right after the cell tagged `parameters`, which
 * keeps the defaults. Only names the parameters cell assigns may be given.
 */
import { parseJsonDocument, Problems } from "@gridgraph/kit";

interface Cell {
  cell_type: string;
  source: string | string[];
  metadata?: { tags?: string[] } & Record<string, unknown>;
  outputs?: unknown[];
  execution_count?: number | null;
}

export interface Notebook {
  nbformat: number;
  nbformat_minor: number;
  metadata: Record<string, unknown>;
  cells: Cell[];
}

const text = (source: string | string[]) => (Array.isArray(source) ? source.join("") : source);

/** The notebook in `raw`, or every problem with it (field `notebook`). */
export function readNotebook(raw: string, problems: Problems): Notebook | null {
  let nb: Notebook;
  try {
    nb = parseJsonDocument(raw) as Notebook;
  } catch (error) {
    problems.add("notebook", `The notebook is not JSON (.ipynb): ${(error as Error).message}.`);
    return null;
  }
  if (typeof nb !== "object" || nb === null || nb.nbformat !== 4 || !Array.isArray(nb.cells)) {
    problems.add(
      "notebook",
      "The notebook is not an nbformat 4 .ipynb document (it needs nbformat: 4 and cells).",
    );
    return null;
  }
  nb.cells.forEach((cell, i) => {
    if (!cell || typeof cell !== "object" || !["code", "markdown", "raw"].includes(cell.cell_type))
      problems.add(`notebook.cells.${i}`, `Cell ${i + 1} has no valid cell_type (code, markdown or raw).`);
    else if (typeof cell.source !== "string" && !Array.isArray(cell.source))
      problems.add(`notebook.cells.${i}`, `Cell ${i + 1} has no source.`);
  });
  return problems.any ? null : nb;
}

/** The names the `parameters` cell assigns at its top level (`name = ...`, `name: type = ...`). */
export function parameterNames(nb: Notebook): string[] | null {
  const cell = nb.cells.find((c) => c.cell_type === "code" && c.metadata?.tags?.includes("parameters"));
  if (!cell) return null;
  const names = new Set<string>();
  for (const line of text(cell.source).split("\n")) {
    const match = /^([A-Za-z_]\w*)\s*(:[^=]*)?=(?!=)/.exec(line);
    if (match) names.add(match[1]);
  }
  return [...names];
}

/** A JSON value written as a Python literal (JSON is Python but for true, false and null). */
export function pythonLiteral(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "None";
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(pythonLiteral).join(", ")}]`;
  return `{${Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${JSON.stringify(k)}: ${pythonLiteral(v)}`)
    .join(", ")}}`;
}

/**
 * The notebook with its outputs stripped and `parameters` injected; every parameter that the
 * parameters cell does not assign is a problem (field `parameters.<name>`), as is giving
 * parameters to a notebook without a parameters cell.
 */
export function parameterise(
  nb: Notebook,
  parameters: Record<string, unknown>,
  problems: Problems,
): Notebook {
  const given = Object.keys(parameters);
  const known = parameterNames(nb);
  if (given.length && !known)
    problems.add("parameters", "The notebook has no cell tagged 'parameters', so it takes no parameters.");
  else if (known)
    for (const name of given)
      if (!known.includes(name))
        problems.add(
          `parameters.${name}`,
          `The notebook's parameters cell has no '${name}'; it has ${known.length ? known.join(", ") : "none"}.`,
        );
  const cells: Cell[] = nb.cells
    .filter((c) => !c.metadata?.tags?.includes("injected-parameters"))
    .map((c) => (c.cell_type === "code" ? { ...c, outputs: [], execution_count: null } : c));
  if (given.length) {
    const at = cells.findIndex((c) => c.cell_type === "code" && c.metadata?.tags?.includes("parameters"));
    cells.splice(at + 1, 0, {
      cell_type: "code",
      metadata: { tags: ["injected-parameters"] },
      source: `# Parameters\n${given.map((name) => `${name} = ${pythonLiteral(parameters[name])}`).join("\n")}\n`,
      outputs: [],
      execution_count: null,
    });
  }
  return { ...nb, cells };
}
