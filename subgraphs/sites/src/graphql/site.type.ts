import { connectionType } from "../../../kit/src";
import { Site } from "../entities";

export const SiteConnection = connectionType(Site, "Site");
