/**
 * A scenario's service time as the fluid model's law (loaded only for a fleet that has a law
 * other than the exponential: the special functions behind it are not needed otherwise).
 */
import { deterministicLaw, empiricalLaw, gammaLaw, lognormalLaw, type ServiceLaw } from '../maths/service-laws.ts';
import { type ServiceTimeSpec, serviceShapeSigma } from './service-time.ts';

/** The law of unit mean, or undefined for the exponential (the fluid model's closed forms). */
export function serviceLawOf(spec: ServiceTimeSpec): ServiceLaw | undefined {
  switch (spec.dist) {
    case 'exponential':
      return undefined;
    case 'lognormal':
      return lognormalLaw(serviceShapeSigma(spec));
    case 'gamma':
      return gammaLaw(spec.shape as number);
    case 'deterministic':
      return deterministicLaw;
    case 'empirical':
      return empiricalLaw(spec.points ?? []);
  }
}
