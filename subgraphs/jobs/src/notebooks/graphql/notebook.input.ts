import { ArrayMaxSize, IsOptional, Length } from "class-validator";
import { GraphQLJSONObject } from "graphql-scalars";
import { Field, ID, InputType, Int } from "type-graphql";

@InputType({ description: "A notebook to run headless as a batch job (or one per dataset)." })
export class RunNotebookInput {
  @Field()
  @Length(1, 255)
  vo!: string;

  @Field(() => String, {
    nullable: true,
    description: "The jobs' name; default: the notebook's first heading.",
  })
  name?: string | null;

  @Field(() => String, { nullable: true, description: "The .ipynb document (nbformat 4) itself…" })
  notebook?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: "…or the dataset holding it (then an input of every run: the outputs derive from it).",
  })
  notebookDatasetId?: string | null;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description:
      'Values for the names the notebook\'s cell tagged "parameters" assigns, injected after it as papermill does.',
  })
  parameters?: Record<string, unknown> | null;

  @Field(() => [ID], { nullable: true, description: "The datasets to run over (at most 250)…" })
  @IsOptional()
  @ArrayMaxSize(250)
  datasetIds?: string[] | null;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: "…or a `datasets` filter (a DatasetFilter as JSON) selecting at most 250 you can see.",
  })
  datasetFilter?: Record<string, unknown> | null;

  @Field(() => Boolean, {
    defaultValue: false,
    description: "Once per dataset, as a job collection, instead of once over all.",
  })
  perDataset!: boolean;

  @Field(() => ID, {
    nullable: true,
    description: "Run there; default: where placement puts it (data first).",
  })
  siteId?: string | null;

  @Field(() => Int, { nullable: true })
  cores?: number | null;

  @Field(() => Int, { nullable: true })
  memoryMb?: number | null;

  @Field(() => Int, { nullable: true })
  wallTimeSeconds?: number | null;
}

@InputType({ description: "An interactive Jupyter session where the data is." })
export class StartNotebookSessionInput {
  @Field()
  @Length(1, 255)
  vo!: string;

  @Field(() => [ID], { nullable: true, description: "Datasets present in the session's working directory." })
  @IsOptional()
  @ArrayMaxSize(250)
  datasetIds?: string[] | null;

  @Field(() => ID, { nullable: true, description: "Where; default: where placement puts it (data first)." })
  siteId?: string | null;

  @Field(() => Int, { nullable: true })
  cores?: number | null;

  @Field(() => Int, { nullable: true })
  memoryMb?: number | null;

  @Field(() => Int, { nullable: true, description: "At most this long (default 4 h)." })
  wallTimeSeconds?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: "Stopped after this long without activity (default 1 h, 60..604800).",
  })
  idleTimeoutSeconds?: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      "A kernel other than python3 (e.g. octave): only sites publishing it as software are candidates.",
  })
  kernel?: string | null;
}
