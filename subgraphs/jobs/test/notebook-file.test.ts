import { Problems } from "@gridgraph/kit";
import {
  parameterise,
  parameterNames,
  pythonLiteral,
  readNotebook,
} from "../src/notebooks/domain/notebook-file";

const nb = (cells: object[]) => JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells });
const code = (source: string | string[], tags?: string[]) => ({
  cell_type: "code",
  source,
  metadata: tags ? { tags } : {},
  outputs: [{ output_type: "stream", name: "stdout", text: "old" }],
  execution_count: 3,
});

describe("notebook files", () => {
  it("reads the names the parameters cell assigns, typed or not, and not comparisons", () => {
    const problems = new Problems();
    const read = readNotebook(
      nb([
        code(
          ["alpha = 1\n", "beta: float = 2.5\n", "gamma == 3\n", "  delta = 4\n", "# eps = 5\n"],
          ["parameters"],
        ),
      ]),
      problems,
    )!;
    expect(problems.list).toEqual([]);
    expect(parameterNames(read)).toEqual(["alpha", "beta"]);
  });

  it("injects parameters after the parameters cell, strips outputs and writes Python literals", () => {
    const problems = new Problems();
    const read = readNotebook(nb([code("x = 1", ["parameters"]), code("print(x)")]), problems)!;
    const out = parameterise(read, { x: { a: [true, null, 1.5, 'q"uote'] } }, problems);
    expect(problems.list).toEqual([]);
    expect(out.cells.map((c) => c.metadata?.tags ?? [])).toEqual([
      ["parameters"],
      ["injected-parameters"],
      [],
    ]);
    expect(out.cells[1].source).toBe('# Parameters\nx = {"a": [True, None, 1.5, "q\\"uote"]}\n');
    expect(out.cells.every((c) => !c.outputs?.length && c.execution_count === null)).toBe(true);
    expect(pythonLiteral(false)).toBe("False");
  });

  it("reports every unknown parameter, and a notebook that is not nbformat 4", () => {
    const problems = new Problems();
    const read = readNotebook(nb([code("x = 1", ["parameters"])]), problems)!;
    parameterise(read, { y: 1, z: 2, x: 3 }, problems);
    expect(problems.list.map((p) => p.field)).toEqual(["parameters.y", "parameters.z"]);
    const none = new Problems();
    parameterise(readNotebook(nb([code("x = 1")]), none)!, { x: 1 }, none);
    expect(none.list.map((p) => p.field)).toEqual(["parameters"]);
    const bad = new Problems();
    expect(readNotebook(JSON.stringify({ nbformat: 3, worksheets: [] }), bad)).toBeNull();
    expect(readNotebook("{", new Problems())).toBeNull();
    expect(bad.list[0].message).toMatch(/nbformat 4/);
  });
});
