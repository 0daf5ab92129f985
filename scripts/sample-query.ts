/** The README's example: one dataset, with what the sites, jobs and research-objects subgraphs know of it. */
export const SAMPLE_QUERY = `{
  dataset(id: "lofar-L650628-L2") {
    title
    level
    format
    sizeBytes
    observation {
      target
      frequencyMinMhz
      frequencyMaxMhz
    }
    derivedFrom {
      id
      level
    }
    replicas {
      state
      site {
        id
        country
        inDowntime
      }
    }
    consumedBy {
      totalCount
      edges {
        node {
          name
          status
          site {
            id
          }
        }
      }
    }
    researchObjects {
      edges {
        node {
          title
          doi
        }
      }
    }
  }
}`;
