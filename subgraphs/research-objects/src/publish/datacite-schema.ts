/**
 * The body of DataCite REST API requests that create or update a DOI (`POST /dois`,
 * `PUT /dois/<doi>`, JSON:API, media type application/vnd.api+json), as a JSON Schema.
 * Written from DataCite's documentation: the REST API guide ("Create DOIs with the REST API":
 * a draft needs only `doi` or `prefix`; `event` register/publish needs the mandatory
 * properties) and the DataCite Metadata Schema 4.6 (properties, types and controlled lists).
 * Our metadata is checked with it before it is sent, the embedded minter checks with it, and
 * the tests' stand-in for DataCite refuses what it refuses.
 */

/** Appendix 1, controlled list "resourceTypeGeneral" (4.6). */
export const RESOURCE_TYPE_GENERAL = [
  "Audiovisual",
  "Award",
  "Book",
  "BookChapter",
  "Collection",
  "ComputationalNotebook",
  "ConferencePaper",
  "ConferenceProceeding",
  "DataPaper",
  "Dataset",
  "Dissertation",
  "Event",
  "Image",
  "Instrument",
  "InteractiveResource",
  "Journal",
  "JournalArticle",
  "Model",
  "OutputManagementPlan",
  "PeerReview",
  "PhysicalObject",
  "Preprint",
  "Project",
  "Report",
  "Service",
  "Software",
  "Sound",
  "Standard",
  "StudyRegistration",
  "Text",
  "Workflow",
  "Other",
] as const;

/** Appendix 1, controlled list "relationType" (4.6). */
export const RELATION_TYPE = [
  "IsCitedBy",
  "Cites",
  "IsSupplementTo",
  "IsSupplementedBy",
  "IsContinuedBy",
  "Continues",
  "IsDescribedBy",
  "Describes",
  "HasMetadata",
  "IsMetadataFor",
  "HasVersion",
  "IsVersionOf",
  "IsNewVersionOf",
  "IsPreviousVersionOf",
  "IsPartOf",
  "HasPart",
  "IsPublishedIn",
  "IsReferencedBy",
  "References",
  "IsDocumentedBy",
  "Documents",
  "IsCompiledBy",
  "Compiles",
  "IsVariantFormOf",
  "IsOriginalFormOf",
  "IsIdenticalTo",
  "IsReviewedBy",
  "Reviews",
  "IsDerivedFrom",
  "IsSourceOf",
  "IsRequiredBy",
  "Requires",
  "IsObsoletedBy",
  "Obsoletes",
  "IsCollectedBy",
  "Collects",
  "IsTranslationOf",
  "HasTranslation",
] as const;

/** Appendix 1, controlled list "relatedIdentifierType" (4.6). */
export const RELATED_IDENTIFIER_TYPE = [
  "ARK",
  "arXiv",
  "bibcode",
  "CSTR",
  "DOI",
  "EAN13",
  "EISSN",
  "Handle",
  "IGSN",
  "ISBN",
  "ISSN",
  "ISTC",
  "LISSN",
  "LSID",
  "PMID",
  "PURL",
  "RRID",
  "UPC",
  "URL",
  "URN",
  "w3id",
] as const;

const nonEmpty = { type: "string", minLength: 1 };
const nameIdentifier = {
  type: "object",
  required: ["nameIdentifier", "nameIdentifierScheme"],
  properties: { nameIdentifier: nonEmpty, nameIdentifierScheme: nonEmpty, schemeUri: { type: "string" } },
};
const affiliation = {
  type: "object",
  required: ["name"],
  properties: {
    name: nonEmpty,
    affiliationIdentifier: { type: "string" },
    affiliationIdentifierScheme: { type: "string" },
    schemeUri: { type: "string" },
  },
};
const person = {
  type: "object",
  required: ["name"],
  properties: {
    name: nonEmpty,
    nameType: { enum: ["Organizational", "Personal"] },
    givenName: { type: "string" },
    familyName: { type: "string" },
    nameIdentifiers: { type: "array", items: nameIdentifier },
    affiliation: { type: "array", items: affiliation },
  },
};
const point = {
  type: "object",
  required: ["pointLongitude", "pointLatitude"],
  properties: {
    pointLongitude: { type: ["number", "string"] },
    pointLatitude: { type: ["number", "string"] },
  },
};
const year = {
  anyOf: [
    { type: "integer", minimum: 1000, maximum: 9999 },
    { type: "string", pattern: "^[0-9]{4}$" },
  ],
};

const attributes = {
  type: "object",
  properties: {
    doi: { type: "string", pattern: "^10\\.\\d{4,9}/\\S+$" },
    prefix: { type: "string", pattern: "^10\\.\\d{4,9}$" },
    suffix: { type: "string", minLength: 1 },
    event: { enum: ["publish", "register", "hide"] },
    url: { type: "string", pattern: "^https?://\\S+$" },
    creators: { type: "array", items: person },
    contributors: {
      type: "array",
      items: {
        ...person,
        required: ["name", "contributorType"],
        properties: { ...person.properties, contributorType: nonEmpty },
      },
    },
    titles: {
      type: "array",
      items: {
        type: "object",
        required: ["title"],
        properties: {
          title: nonEmpty,
          titleType: { enum: ["AlternativeTitle", "Subtitle", "TranslatedTitle", "Other"] },
          lang: { type: "string" },
        },
      },
    },
    publisher: {
      anyOf: [nonEmpty, { type: "object", required: ["name"], properties: { name: nonEmpty } }],
    },
    publicationYear: year,
    types: {
      type: "object",
      required: ["resourceTypeGeneral"],
      properties: { resourceTypeGeneral: { enum: RESOURCE_TYPE_GENERAL }, resourceType: { type: "string" } },
    },
    subjects: {
      type: "array",
      items: {
        type: "object",
        required: ["subject"],
        properties: { subject: nonEmpty, subjectScheme: { type: "string" }, schemeUri: { type: "string" } },
      },
    },
    dates: {
      type: "array",
      items: {
        type: "object",
        required: ["date", "dateType"],
        properties: {
          date: nonEmpty,
          dateType: {
            enum: [
              "Accepted",
              "Available",
              "Copyrighted",
              "Collected",
              "Coverage",
              "Created",
              "Issued",
              "Submitted",
              "Updated",
              "Valid",
              "Withdrawn",
              "Other",
            ],
          },
        },
      },
    },
    relatedIdentifiers: {
      type: "array",
      items: {
        type: "object",
        required: ["relatedIdentifier", "relatedIdentifierType", "relationType"],
        properties: {
          relatedIdentifier: nonEmpty,
          relatedIdentifierType: { enum: RELATED_IDENTIFIER_TYPE },
          relationType: { enum: RELATION_TYPE },
          resourceTypeGeneral: { enum: RESOURCE_TYPE_GENERAL },
        },
      },
    },
    sizes: { type: "array", items: { type: "string" } },
    formats: { type: "array", items: { type: "string" } },
    version: { type: "string" },
    rightsList: {
      type: "array",
      items: {
        type: "object",
        properties: {
          rights: { type: "string" },
          rightsUri: { type: "string" },
          rightsIdentifier: { type: "string" },
          rightsIdentifierScheme: { type: "string" },
          schemeUri: { type: "string" },
        },
      },
    },
    descriptions: {
      type: "array",
      items: {
        type: "object",
        required: ["description", "descriptionType"],
        properties: {
          description: nonEmpty,
          descriptionType: {
            enum: ["Abstract", "Methods", "SeriesInformation", "TableOfContents", "TechnicalInfo", "Other"],
          },
        },
      },
    },
    geoLocations: {
      type: "array",
      items: {
        type: "object",
        properties: {
          geoLocationPlace: { type: "string" },
          geoLocationPoint: point,
        },
      },
    },
    schemaVersion: { type: "string" },
  },
  anyOf: [{ required: ["doi"] }, { required: ["prefix"] }],
  // "register" and "publish" need the mandatory properties; a draft needs only doi or prefix.
  if: { required: ["event"], properties: { event: { enum: ["publish", "register"] } } },
  then: {
    required: ["url", "creators", "titles", "publisher", "publicationYear", "types"],
    properties: { creators: { minItems: 1 }, titles: { minItems: 1 } },
  },
} as const;

export const DATACITE_REQUEST_SCHEMA = {
  $id: "https://gridgraph.example/schemas/datacite-doi-request.json",
  type: "object",
  required: ["data"],
  properties: {
    data: {
      type: "object",
      required: ["type", "attributes"],
      properties: { type: { const: "dois" }, id: { type: "string" }, attributes },
    },
  },
} as const;
