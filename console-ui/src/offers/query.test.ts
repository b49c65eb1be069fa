import { applyFilters, DEFAULT_QUERY, NO_FILTERS, readFilters, readOrder, withOrder, type OfferFilters } from './query';

const all: OfferFilters = {
  gpuModel: 'RTX_4090',
  minGpus: '2',
  minVramGb: '24',
  maxPricePerHour: '1.5',
  minReliability: '0.95',
  region: 'eu-central',
  tier: 'secure',
  verifiedOnly: true,
};

describe('applyFilters', () => {
  it('writes every filter as a term before the order by', () => {
    expect(applyFilters(DEFAULT_QUERY, all)).toBe(
      'gpu_name=RTX_4090 num_gpus>=2 gpu_ram>=24 price<=1.5 reliability>=0.95 region=eu-central tier=secure verified=true order by value desc',
    );
  });

  it('writes nothing for empty filters and leaves the query as it was', () => {
    expect(applyFilters(DEFAULT_QUERY, NO_FILTERS)).toBe(DEFAULT_QUERY);
    expect(applyFilters('', NO_FILTERS)).toBe('');
  });

  it("keeps the renter's own terms, order by and limit, and replaces only the filters' terms", () => {
    const typed = 'cuda_version>=12.4 gpu_ram >= 16 price<2 geolocation notin [CN,RU] order by price asc limit 20';
    expect(applyFilters(typed, { ...NO_FILTERS, minVramGb: '48', verifiedOnly: true })).toBe(
      'cuda_version>=12.4 price<2 geolocation notin [CN,RU] gpu_ram>=48 verified=true order by price asc limit 20',
    );
  });

  it('removes a term when its filter is cleared', () => {
    expect(applyFilters('gpu_ram>=24 verified=true order by value desc', NO_FILTERS)).toBe('order by value desc');
  });

  it('writes spaces in text values as underscores', () => {
    expect(applyFilters('', { ...NO_FILTERS, region: 'us east' })).toBe('region=us_east');
  });
});

describe('readFilters', () => {
  it('reads back what applyFilters wrote', () => {
    expect(readFilters(applyFilters('limit 10', all))).toEqual(all);
  });

  it('reads a hand-typed query with spaces around operators and a $ price, ignoring the order by', () => {
    expect(readFilters('gpu_ram >= 40 price<=$2.5 TIER=Secure num_gpus=4 order by score desc')).toEqual({
      ...NO_FILTERS,
      minVramGb: '40',
      maxPricePerHour: '2.5',
      tier: 'secure',
    });
  });

  it('has no filters for the default query', () => {
    expect(readFilters(DEFAULT_QUERY)).toEqual(NO_FILTERS);
  });
});

describe('ordering', () => {
  it('reads the first order by key, defaulting to value desc', () => {
    expect(readOrder('gpu_ram>=24 order by price asc, value desc limit 5')).toEqual({ field: 'price', direction: 'asc' });
    expect(readOrder('order by score')).toEqual({ field: 'score', direction: 'asc' });
    expect(readOrder('gpu_ram>=24')).toEqual({ field: 'value', direction: 'desc' });
  });

  it('replaces the order by and keeps the terms and the limit', () => {
    expect(withOrder('gpu_ram>=24 order by price asc, value desc limit 5', 'score', 'desc')).toBe(
      'gpu_ram>=24 order by score desc limit 5',
    );
    expect(withOrder('verified=true', 'price', 'asc')).toBe('verified=true order by price asc');
  });
});
