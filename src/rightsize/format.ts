/** The recommendations as text: a Markdown table per policy, and the JSON written beside it. */
import { formatCpu, formatMemory } from '../quantity.ts';
import { POLICY_NAMES, type PolicyResources } from '../decisions/rightsize/policies.ts';
import type { RightsizeResult } from './rightsize.ts';

const cpu = (m: number | null) => (m === null ? '-' : formatCpu(m));
const mem = (b: number | null) => (b === null ? '-' : b % 2 ** 20 === 0 ? formatMemory(b) : `${(b / 2 ** 20).toFixed(0)}Mi`);

function row(workload: string, container: string, p: PolicyResources): string {
  return `| ${workload} | ${container} | ${cpu(p.requests.cpuMilli)} | ${cpu(p.limits.cpuMilli)} | ${mem(p.requests.memoryBytes)} | ${mem(p.limits.memoryBytes)} |`;
}

export function rightsizeMarkdown(r: RightsizeResult): string {
  const out = [`# Recommended requests and limits`, '', `Workloads grouped by ${r.by}. A dash: not set (no limit), or too little data (krr needs 100 samples).`, ''];
  for (const name of POLICY_NAMES) {
    out.push(`## ${name}`, '', '| workload | container | cpu request | cpu limit | memory request | memory limit |', '|---|---|---|---|---|---|');
    for (const c of r.containers) out.push(row(c.workload, c.container, c.policies[name]));
    out.push('');
  }
  return `${out.join('\n')}`;
}

export function rightsizeJson(r: RightsizeResult): string {
  return `${JSON.stringify({ by: r.by, containers: r.containers }, null, 2)}\n`;
}
