/**
 * Every command's one-line description: what `headroom --help` lists without loading any command's
 * module, and what each module gives commander for its own command.
 */
export const DESCRIPTIONS = {
  run: 'simulate a scenario and write summary.json, timeseries.csv and report.html',
  validate: 'check a scenario and print it with every default filled in',
  decide: 'answer one Kubernetes decision from JSON on stdin (schedule, scale-up, scale-down, hpa, deployment, recommend, provision, consolidate, usage)',
  report: "regenerate a run folder's report.html from its summary.json and time series",
  compare: 'two or more runs side by side: compare.html and compare.md with every key number and its change from the first',
  sweep: 'run a scenario over a grid of key values and seeds; write sweep.csv and sweep.json (resumable)',
  merge: 'join the folders of a sharded sweep into one sweep folder (checks they are one sweep, with no overlap or gap)',
  recommend: 'the cheapest grid point that meets the SLOs in a share of seeds; writes recommendation.json, .md and .html',
  baseline: 'run scenarios and record their key numbers for `headroom check`',
  check: 'run scenarios and compare their key numbers with a baseline: exit 1 on a regression or a broken SLO',
  rightsize: 'recommended requests and limits from a usage export (VPA, Goldilocks, KRR policies); on a scenario, each re-simulated beside today and the cheapest that meets the SLO written as rightsized.yaml',
  import: 'write a scenario from Kubernetes manifests or `terraform show -json` output, with TODOs for what they do not say',
} as const;

export type CommandName = keyof typeof DESCRIPTIONS;

export type SetExit = (code: number) => void;

export function describe(name: CommandName): string {
  return DESCRIPTIONS[name];
}
