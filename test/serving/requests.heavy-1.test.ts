import { describe, it } from 'vitest';
import { checkSteadyPoint } from './steady-requests.ts';

// ρ = 0.95 needs long runs (see checkSteadyPoint); each server count has its own file so that the
// runs go side by side
describe('RequestQueue at ρ = 0.95, c = 1: mean wait and p99 within 3% of M/M/c', () => {
  it('over 60,000,000 requests', () => {
    checkSteadyPoint({ servers: 1, utilization: 0.95, requests: 60_000_000 });
  });
});
