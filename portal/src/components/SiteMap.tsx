/**
 * Sites on a map, drawn from their coordinates over Natural Earth's land outlines (world-atlas,
 * bundled: no tile server, works offline). Each site is a link, reachable by keyboard.
 */
import { geoEqualEarth, geoPath } from "d3-geo";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import land110 from "world-atlas/land-110m.json";
import { Link } from "wouter";

export interface MappedSite {
  id: string;
  officialName: string;
  latitude?: number | null;
  longitude?: number | null;
  inDowntime: boolean;
}

const WIDTH = 800;
const HEIGHT = 450;
const topology = land110 as unknown as Topology<{ land: GeometryCollection }>;
const land = feature(topology, topology.objects.land);

/** The projection fitted to the sites (with a margin), or the whole world when there are none. */
export function projectionFor(sites: MappedSite[]) {
  const placed = sites.filter((s) => s.latitude != null && s.longitude != null);
  const projection = geoEqualEarth();
  if (!placed.length) return projection.fitSize([WIDTH, HEIGHT], land);
  const lons = placed.map((s) => s.longitude!);
  const lats = placed.map((s) => s.latitude!);
  const pad = 6;
  const box = {
    type: "Feature" as const,
    properties: {},
    geometry: {
      type: "MultiPoint" as const,
      coordinates: [
        [Math.min(...lons) - pad, Math.min(...lats) - pad],
        [Math.max(...lons) + pad, Math.max(...lats) + pad],
      ],
    },
  };
  return projection.fitExtent(
    [
      [20, 20],
      [WIDTH - 20, HEIGHT - 20],
    ],
    box,
  );
}

export default function SiteMap({ sites }: { sites: MappedSite[] }) {
  const projection = projectionFor(sites);
  const path = geoPath(projection);
  const placed = sites.filter((s) => s.latitude != null && s.longitude != null);
  return (
    <figure className="map">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} aria-labelledby="map-title" role="group">
        <title id="map-title">{`Map of ${placed.length} sites`}</title>
        <rect width={WIDTH} height={HEIGHT} className="sea" />
        <path d={path(land) ?? ""} className="land" />
        {placed.map((s) => {
          const [x, y] = projection([s.longitude!, s.latitude!]) ?? [0, 0];
          return (
            <Link
              key={s.id}
              href={`/sites/${encodeURIComponent(s.id)}`}
              aria-label={`${s.id}: ${s.officialName}`}
            >
              <circle cx={x} cy={y} r={6} className={s.inDowntime ? "site down" : "site"} />
              <text x={x + 8} y={y + 4} className="site-label">
                {s.id}
              </text>
            </Link>
          );
        })}
      </svg>
      <figcaption className="muted">
        {placed.length} of {sites.length} sites have coordinates. Land: Natural Earth (world-atlas).
        {sites.some((s) => s.inDowntime) ? " Sites in downtime are drawn hollow." : ""}
      </figcaption>
    </figure>
  );
}
