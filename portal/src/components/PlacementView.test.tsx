import { renderToStaticMarkup } from "react-dom/server";
import { Router } from "wouter";
import { filterRejections, PlacementView, scoreTerms, type PlacementShown } from "./PlacementView";

const placement: PlacementShown = {
  evaluatedSites: 3,
  candidates: [
    {
      rank: 1,
      score: 154,
      estimatedWaitSeconds: 0,
      site: { id: "SARA-MATRIX", officialName: "SURF Amsterdam" },
      share: { name: "highmem" },
      endpoint: { url: "https://arc01.grid.surfsara.nl:443/arex", interfaceName: "org.nordugrid.arcrest" },
      reasons: [
        { code: "BASE", points: 100, message: "meets every requirement" },
        { code: "DATA_LOCAL", points: 30, message: "input data is held at SARA-MATRIX" },
      ],
    },
  ],
  rejected: [
    {
      site: { id: "PSNC", officialName: "Poznan <b>Supercomputing</b>" },
      reasons: [{ code: "MISSING_SOFTWARE", message: "needs LINC >=5.0, PSNC has LINC 4.0." }],
    },
    {
      site: { id: "CERN-PROD", officialName: "CERN Tier-0" },
      reasons: [
        { code: "MISSING_SOFTWARE", message: "needs LINC >=5.0, CERN-PROD does not offer LINC." },
        { code: "VO_NOT_SUPPORTED", message: "CERN-PROD does not support vo.lofar.eu." },
      ],
    },
  ],
};

const render = (element: React.ReactElement) =>
  renderToStaticMarkup(<Router ssrPath="/run">{element}</Router>);

describe("the placement view", () => {
  it("filters rejected sites by words or site, and by reason (keeping only that reason)", () => {
    expect(filterRejections(placement.rejected, { text: "psnc", code: "" }).map((r) => r.site.id)).toEqual([
      "PSNC",
    ]);
    expect(filterRejections(placement.rejected, { text: "support", code: "" }).map((r) => r.site.id)).toEqual(
      ["CERN-PROD"],
    );
    const byCode = filterRejections(placement.rejected, { text: "", code: "VO_NOT_SUPPORTED" });
    expect(byCode).toEqual([
      { site: placement.rejected[1].site, reasons: [placement.rejected[1].reasons[1]] },
    ]);
    expect(filterRejections(placement.rejected, { text: "nothing like this", code: "" })).toEqual([]);
  });

  it("shows every candidate's score terms and every rejected site's reasons in words, as text", () => {
    const html = render(<PlacementView placement={placement} />);
    expect(html).toContain("Can run at 1 of 3 sites");
    expect(html).toContain("Cannot run at 2 sites, and why");
    expect(html).toContain("input data is held at SARA-MATRIX");
    expect(html).toContain("needs LINC &gt;=5.0, PSNC has LINC 4.0.");
    // A site's name from the registry is text, never markup.
    expect(html).toContain("Poznan &lt;b&gt;Supercomputing&lt;/b&gt;");
    expect(html).not.toContain("<b>Supercomputing</b>");
    expect(html).toContain('aria-label="Rejected: CERN-PROD"');
    expect(scoreTerms(placement.candidates[0].reasons)).toBe("BASE +100, DATA_LOCAL +30");
  });

  it("offers a choice of site only when the page can submit", () => {
    expect(render(<PlacementView placement={placement} />)).not.toContain('type="radio"');
    expect(
      render(<PlacementView placement={placement} chosenSite="SARA-MATRIX" onChoose={() => {}} />),
    ).toMatch(/<input type="radio"[^>]*aria-label="Run at SARA-MATRIX"[^>]*checked=""/);
  });
});
