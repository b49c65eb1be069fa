import { useEffect, useId, useState, type ChangeEvent } from 'react';
import { applyFilters, readFilters, type OfferFilters } from './query';
import type { GpuType } from './types';

/**
 * The explorer's filters. Each change rewrites the filters' terms in the query; a query edited by hand sets the
 * filters it names (the form keeps what is being typed, e.g. "0.", while the query says the same).
 */
export function OfferFilterForm({
  query,
  onQueryChange,
  gpuTypes,
  regions,
}: {
  query: string;
  onQueryChange: (query: string) => void;
  gpuTypes: GpuType[];
  regions: string[];
}) {
  const id = useId();
  const [filters, setFilters] = useState<OfferFilters>(() => readFilters(query));

  useEffect(() => {
    setFilters((shown) => (applyFilters(query, shown) === query ? shown : readFilters(query)));
  }, [query]);

  const change = (key: keyof OfferFilters) => (event: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
    const target = event.target;
    const next = {
      ...filters,
      [key]: target instanceof HTMLInputElement && target.type === 'checkbox' ? target.checked : target.value,
    };
    setFilters(next);
    onQueryChange(applyFilters(query, next));
  };

  // A model typed by hand in other letters still selects its option.
  const model = gpuTypes.find((t) => t.gpu_model.toLowerCase() === filters.gpuModel.toLowerCase())?.gpu_model ?? filters.gpuModel;

  return (
    <form className="offer-filters" aria-label="offer filters" onSubmit={(event) => event.preventDefault()}>
      <label>
        GPU model
        <select value={model} onChange={change('gpuModel')}>
          <option value="">Any</option>
          {model !== '' && !gpuTypes.some((t) => t.gpu_model === model) && <option value={model}>{model}</option>}
          {gpuTypes.map((t) => (
            <option key={t.gpu_model} value={t.gpu_model}>
              {t.gpu_name} ({t.available_gpus} free)
            </option>
          ))}
        </select>
      </label>
      <label>
        GPUs (at least)
        <input type="number" min={1} step={1} inputMode="numeric" value={filters.minGpus} onChange={change('minGpus')} />
      </label>
      <label>
        Min VRAM per GPU (GB)
        <input type="number" min={0} step={1} value={filters.minVramGb} onChange={change('minVramGb')} />
      </label>
      <label>
        Max price ($/h)
        <input type="number" min={0} step={0.01} value={filters.maxPricePerHour} onChange={change('maxPricePerHour')} />
      </label>
      <label>
        Min reliability (0–1)
        <input type="number" min={0} max={1} step={0.01} value={filters.minReliability} onChange={change('minReliability')} />
      </label>
      <label>
        Region
        <input type="text" list={`${id}-regions`} value={filters.region} onChange={change('region')} autoComplete="off" />
        <datalist id={`${id}-regions`}>
          {regions.map((region) => (
            <option key={region} value={region} />
          ))}
        </datalist>
      </label>
      <label>
        Tier
        <select value={filters.tier} onChange={change('tier')}>
          <option value="">Any</option>
          <option value="secure">Secure (datacenter)</option>
          <option value="community">Community</option>
        </select>
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={filters.verifiedOnly} onChange={change('verifiedOnly')} />
        Verified only
      </label>
    </form>
  );
}
