/** What an import did to one site's record, as the importer and the CLI report it. */
export interface ImportReport {
  siteId: string;
  created: number;
  updated: number;
  unchanged: number;
  removed: number;
  warnings: string[];
}
