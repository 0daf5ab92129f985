import { JsonSyntaxError, parseJsonDocument } from "../src/json-document";

describe("parseJsonDocument", () => {
  const failure = (text: string) => {
    try {
      parseJsonDocument(text);
    } catch (error) {
      return error as JsonSyntaxError;
    }
    throw new Error("parsed");
  };

  it("parses JSON", () => {
    expect(parseJsonDocument('{"a": [1, "x"]}')).toEqual({ a: [1, "x"] });
  });

  it("names the line and column of the first syntax error", () => {
    // A stray backslash at the end of a line, as in OGF-GLUE/JSON's images.json.
    const text = '{\n  "ID": "urn:glue2:x",\\\n  "Name": "y"\n}';
    expect(failure(text)).toMatchObject({ line: 2, column: 23 });
    expect(failure(text).message).toMatch(/^line 2, column 23: /);
  });

  it("locates errors V8 gives no position for: trailing commas, comments, single quotes", () => {
    expect(failure("[1,\n 2,]")).toMatchObject({ line: 2, column: 4 });
    expect(failure('{"a": 1 // note\n}')).toMatchObject({ line: 1, column: 9 });
    expect(failure("{'a': 1}")).toMatchObject({ line: 1, column: 2 });
  });

  it("puts a cut-off document's error at its end", () => {
    expect(failure('{\n"a": ')).toMatchObject({ line: 2, column: 6 });
    expect(failure("")).toMatchObject({ line: 1, column: 1 });
  });
});
