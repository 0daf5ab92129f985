import { renderToStaticMarkup } from "react-dom/server";
import { Router } from "wouter";
import SiteMap, { projectionFor } from "./SiteMap";

const sites = [
  { id: "SARA-MATRIX", officialName: "SURF", latitude: 52.36, longitude: 4.95, inDowntime: false },
  { id: "CSC-LUMI", officialName: "LUMI", latitude: 64.23, longitude: 27.73, inDowntime: true },
  { id: "NOWHERE", officialName: "No coordinates", latitude: null, longitude: null, inDowntime: false },
];

describe("the site map", () => {
  it("puts sites where their coordinates are: north is up, east is right, all inside the picture", () => {
    const projection = projectionFor(sites);
    const [x1, y1] = projection([4.95, 52.36])!;
    const [x2, y2] = projection([27.73, 64.23])!;
    expect(x2).toBeGreaterThan(x1);
    expect(y2).toBeLessThan(y1);
    for (const [x, y] of [
      [x1, y1],
      [x2, y2],
    ]) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(800);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(450);
    }
  });

  it("draws land from the bundled outlines and one named link per site with coordinates", () => {
    const html = renderToStaticMarkup(
      <Router ssrPath="/sites">
        <SiteMap sites={sites} />
      </Router>,
    );
    expect(html).toMatch(/<path d="M[^"]{1000,}" class="land"/);
    expect(html.match(/<circle /g)).toHaveLength(2);
    expect(html).toContain('aria-label="SARA-MATRIX: SURF"');
    expect(html).toContain('class="site down"');
    expect(html).toContain("2 of 3 sites have coordinates");
  });
});
