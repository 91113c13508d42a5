import { INCIDENT_TYPES, VENDOR_CATEGORIES } from '../lib/dataset/schema';
import { effectiveSort, hasFilters, SORTS, type DirectoryQuery, type DirectorySort } from '../lib/directory/filters';
import { t, type MessageKey } from '../lib/i18n';
import { SEVERITIES } from '../lib/risk/severity';
import { categoryText, incidentTypeText, severityWordText } from './i18n-labels';

interface Props {
  query: DirectoryQuery;
  years: readonly number[];
  onChange(query: DirectoryQuery): void;
}

function Select<T extends string | number>({
  id,
  label,
  value,
  options,
  anyLabel,
  onChange,
}: {
  id: string;
  label: string;
  value: T | null;
  options: readonly { value: T; label: string }[];
  anyLabel?: string;
  onChange(value: T | null): void;
}) {
  return (
    <div class="filter">
      <label for={id}>{label}</label>
      <select
        id={id}
        value={value === null ? '' : String(value)}
        onChange={(e) => {
          const raw = e.currentTarget.value;
          onChange(raw === '' ? null : (options.find((o) => String(o.value) === raw)?.value ?? null));
        }}
      >
        {anyLabel !== undefined && <option value="">{anyLabel}</option>}
        {options.map((o) => (
          <option key={String(o.value)} value={String(o.value)}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The directory's search box, filters and order. Every change applies at once (no submit button). */
export function SearchFilters({ query, years, onChange }: Props) {
  const set = (patch: Partial<DirectoryQuery>) => onChange({ ...query, ...patch });
  const categories = VENDOR_CATEGORIES.map((c) => ({ value: c, label: categoryText(c) })).sort((a, b) =>
    a.label.localeCompare(b.label),
  );
  return (
    <div role="search" class="search-filters" aria-label={t('directory_searchRegion')}>
      <div class="search-box">
        <label for="directory-search">{t('directory_searchLabel')}</label>
        <input
          id="directory-search"
          type="search"
          value={query.q}
          placeholder={t('directory_searchPlaceholder')}
          autocomplete="off"
          spellcheck={false}
          aria-describedby="directory-search-hint"
          onInput={(e) => set({ q: e.currentTarget.value })}
        />
        <p id="directory-search-hint" class="hint">
          {t('directory_searchHint')}
        </p>
      </div>
      <div class="filters">
        <Select
          id="filter-category"
          label={t('filter_category')}
          value={query.category}
          anyLabel={t('filter_any')}
          options={categories}
          onChange={(category) => set({ category })}
        />
        <Select
          id="filter-severity"
          label={t('filter_severity')}
          value={query.severity}
          anyLabel={t('filter_any')}
          options={SEVERITIES.map((s) => ({ value: s, label: severityWordText(s) }))}
          onChange={(severity) => set({ severity })}
        />
        <Select
          id="filter-year"
          label={t('filter_year')}
          value={query.year}
          anyLabel={t('filter_any')}
          options={years.map((y) => ({ value: y, label: String(y) }))}
          onChange={(year) => set({ year })}
        />
        <Select
          id="filter-type"
          label={t('filter_type')}
          value={query.type}
          anyLabel={t('filter_any')}
          options={INCIDENT_TYPES.map((type) => ({ value: type, label: incidentTypeText(type) }))}
          onChange={(type) => set({ type })}
        />
        <Select<DirectorySort>
          id="filter-sort"
          label={t('filter_sort')}
          value={effectiveSort(query)}
          options={SORTS.map((s) => ({ value: s, label: t(`sort_${s}` as MessageKey) }))}
          onChange={(sort) => set({ sort: sort ?? 'relevance' })}
        />
        {hasFilters(query) && (
          <button
            type="button"
            class="button clear-filters"
            onClick={() => set({ category: null, severity: null, year: null, type: null })}
          >
            {t('filter_clear')}
          </button>
        )}
      </div>
    </div>
  );
}
