import { connectionType } from "@gridgraph/kit";
import { Site, SiteChange } from "../../entities";

export const SiteConnection = connectionType(Site, "Site");

export const SiteChangeConnection = connectionType(SiteChange, "SiteChange");
