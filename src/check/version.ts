/** The headroom version recorded in baselines (one place: the run folder's marker records it too). */
export { headroomVersion } from '../report/version.ts';
