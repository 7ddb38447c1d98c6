/** The catalogue against its sources: ENI limits against eni-max-pods.txt, every type priced. */
import { describe, expect, it } from 'vitest';
import { eniMaxPods, familyOf, findInstanceType, INSTANCE_TYPES, onDemandPrice, pricedRegions } from '../../src/cloud/index.ts';

/** awslabs/amazon-eks-ami nodeadm/internal/kubelet/eni-max-pods.txt, the lines of the catalogue's types. */
const ENI_MAX_PODS: Record<string, number> = {
  'm5.large': 29, 'm5.xlarge': 58, 'm5.2xlarge': 58, 'm5.4xlarge': 234, 'm5.8xlarge': 234, 'm5.12xlarge': 234, 'm5.16xlarge': 737, 'm5.24xlarge': 737,
  'c5.large': 29, 'c5.xlarge': 58, 'c5.2xlarge': 58, 'c5.4xlarge': 234, 'c5.9xlarge': 234, 'c5.12xlarge': 234, 'c5.18xlarge': 737, 'c5.24xlarge': 737,
  'r5.large': 29, 'r5.xlarge': 58, 'r5.2xlarge': 58, 'r5.4xlarge': 234, 'r5.8xlarge': 234, 'r5.12xlarge': 234, 'r5.16xlarge': 737, 'r5.24xlarge': 737,
  'm6i.large': 29, 'm6i.xlarge': 58, 'm6i.2xlarge': 58, 'm6i.4xlarge': 234, 'm6i.8xlarge': 234, 'm6i.12xlarge': 234, 'm6i.16xlarge': 737, 'm6i.24xlarge': 737, 'm6i.32xlarge': 737,
  'c6i.large': 29, 'c6i.xlarge': 58, 'c6i.2xlarge': 58, 'c6i.4xlarge': 234, 'c6i.8xlarge': 234, 'c6i.12xlarge': 234, 'c6i.16xlarge': 737, 'c6i.24xlarge': 737, 'c6i.32xlarge': 737,
  'r6i.large': 29, 'r6i.xlarge': 58, 'r6i.2xlarge': 58, 'r6i.4xlarge': 234, 'r6i.8xlarge': 234, 'r6i.12xlarge': 234, 'r6i.16xlarge': 737, 'r6i.24xlarge': 737, 'r6i.32xlarge': 737,
  'm7i.large': 29, 'm7i.xlarge': 58, 'm7i.2xlarge': 58, 'm7i.4xlarge': 234, 'm7i.8xlarge': 234, 'm7i.12xlarge': 234, 'm7i.16xlarge': 737, 'm7i.24xlarge': 737, 'm7i.48xlarge': 737,
  't3.nano': 4, 't3.micro': 4, 't3.small': 11, 't3.medium': 17, 't3.large': 35, 't3.xlarge': 58, 't3.2xlarge': 58,
};

describe('the instance catalogue', () => {
  it('names each type once', () => {
    const names = INSTANCE_TYPES.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('covers the families it promises', () => {
    const families = new Set(INSTANCE_TYPES.map((t) => familyOf(t.name)));
    for (const f of ['m5', 'm6i', 'm7i', 'c5', 'c6i', 'r5', 'r6i', 't3', 'e2-standard', 'n2-standard', 'n2d-standard', 'c2-standard']) {
      expect(families, f).toContain(f);
    }
    for (const f of ['Ds_v3', 'Ds_v4', 'Ds_v5', 'Es_v3', 'Es_v4', 'Es_v5'].map((v) => `Standard_${v}`)) {
      expect(families, f).toContain(f);
    }
  });

  it('reproduces every AWS type of eni-max-pods.txt: ENIs x (IPv4 per ENI - 1) + 2', () => {
    const aws = INSTANCE_TYPES.filter((t) => t.provider === 'aws');
    expect(aws.map((t) => t.name).sort()).toEqual(Object.keys(ENI_MAX_PODS).sort());
    for (const t of aws) expect(eniMaxPods(t), t.name).toBe(ENI_MAX_PODS[t.name]);
  });

  it('has an on-demand price for every type in each table region of its provider', () => {
    for (const t of INSTANCE_TYPES) {
      for (const region of pricedRegions(t.provider)) {
        const p = onDemandPrice(t, region);
        expect('pricePerHour' in p && p.pricePerHour > 0, `${t.name} in ${region}`).toBe(true);
      }
    }
  });

  it('finds types by the provider\'s spelling only', () => {
    expect(findInstanceType('n2-standard-8')).toMatchObject({ provider: 'gcp', vcpu: 8, memoryMiB: 32 * 1024 });
    expect(findInstanceType('Standard_E16s_v5')).toMatchObject({ provider: 'azure', vcpu: 16, memoryMiB: 128 * 1024 });
    expect(findInstanceType('M5.2XLARGE')).toBeUndefined();
  });
});

describe('on-demand prices', () => {
  const price = (name: string, region: string) => onDemandPrice(findInstanceType(name)!, region);

  it.each([
    // AWS us-east-1 as listed: the default scenario's 0.384 is an m5.2xlarge
    ['m5.2xlarge', 'us-east-1', 0.384],
    ['t3.medium', 'us-east-1', 0.0416],
    // GCP, the sum of the series' rates: 2 x 0.021811 + 8 x 0.002923 = 0.067006
    ['e2-standard-2', 'us-central1', 0.067006],
    // 8 x 0.031611 + 32 x 0.004237 = 0.388472
    ['n2-standard-8', 'us-central1', 0.388472],
    // Azure eastus: 8 vCPU x 0.048
    ['Standard_D8s_v5', 'eastus', 0.384],
    ['Standard_E16s_v4', 'eastus', 1.008],
  ])('%s in %s costs %d an hour', (name, region, expected) => {
    expect(price(name, region)).toMatchObject({ pricePerHour: expected });
  });

  it('says what it has when a region is not in the table', () => {
    expect(price('m5.2xlarge', 'eu-west-9')).toEqual({ error: 'the price table has no aws region eu-west-9 (it has us-east-1); give pricePerHour' });
  });

  it('names its source and date', () => {
    expect(price('m5.2xlarge', 'us-east-1')).toMatchObject({ from: expect.stringMatching(/recorded 2026-01-19/) });
  });
});
