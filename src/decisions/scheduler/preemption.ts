/** The PostFilter entry point: DefaultPreemption and the pieces it is built from. */
export {
  DEFAULT_MIN_CANDIDATE_NODES_ABSOLUTE,
  DEFAULT_MIN_CANDIDATE_NODES_PERCENTAGE,
  numCandidates,
  podEligibleToPreemptOthers,
  preempt,
  type PreemptOptions,
  type PreemptionResult,
} from './plugins/defaultpreemption/default-preemption.ts';
export { selectVictimsOnNode, moreImportantFirst, type Victims } from './plugins/defaultpreemption/select-victims.ts';
export { pickOneNodeForPreemption, type Candidate } from './plugins/defaultpreemption/pick-one-node.ts';
export { pdbMatches, splitByPdbViolation } from './plugins/defaultpreemption/pdb.ts';
