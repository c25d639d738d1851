import type { CSSProperties } from 'react';
import { useEffect, useState } from 'react';
import { Badge, Button, Checkbox, Col, Grid, Input, Row, Select } from 'antd';
import { ClearOutlined, FilterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Unit } from '@hoi/contracts';
import type { MemberFilter } from '../../api/members-api';
import { compactWire } from '../../api/members-api';
import { UnitPicker } from '../../components/UnitPicker';
import { useDebounced } from '../../lib/use-debounced';
import { useMemberLabels } from './member-labels';
import { hasFilter } from './use-member-filter';

const VISUALLY_HIDDEN: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
};

const THIS_YEAR = new Date().getFullYear();
/** Join years offered, newest first (the oldest members joined in the 1940s). */
const JOIN_YEARS = Array.from({ length: THIS_YEAR - 1940 + 1 }, (_, i) => ({
  value: THIS_YEAR - i,
  label: String(THIS_YEAR - i),
}));

/** Every filter of the member list; the search box waits for typing to pause. */
export function MemberFilterBar({
  filter,
  onChange,
  initialUnits,
}: {
  filter: MemberFilter;
  onChange: (next: MemberFilter) => void;
  /** The filtered unit, so the picker can name it when the page opens from a URL. */
  initialUnits: Unit[];
}) {
  const { t } = useTranslation();
  const labels = useMemberLabels();
  const [searchText, setSearchText] = useState(filter.q ?? '');
  const settled = useDebounced(searchText.trim(), 350);

  // Typing updates the URL once it settles; a filter applied from elsewhere (a saved filter,
  // "clear") updates the box.
  useEffect(() => {
    if (settled !== (filter.q ?? '')) onChange({ ...filter, q: settled || undefined });
    // Only a settled change of the text writes the URL (not every change of the filter).
  }, [settled]);
  const [shownQ, setShownQ] = useState(filter.q);
  if (shownQ !== filter.q) {
    setShownQ(filter.q);
    if ((filter.q ?? '') !== searchText.trim()) setSearchText(filter.q ?? '');
  }

  const patch = (changes: Partial<MemberFilter>) => onChange({ ...filter, ...changes });
  const cell = { xs: 24, sm: 12, md: 8, xl: 6 };
  // On phones the filters fold under a button so the list stays in view.
  const screens = Grid.useBreakpoint();
  const isPhone = !screens.md;
  const [isExpanded, setExpanded] = useState(false);
  const activeCount = Object.keys(compactWire({ ...filter, q: undefined })).length;
  const isShown = !isPhone || isExpanded;

  return (
    <Row gutter={[8, 8]} style={{ marginBottom: 12 }} data-testid="member-filters">
      <Col
        xs={isPhone ? undefined : 24}
        md={16}
        xl={12}
        style={isPhone ? { flex: '1 1 0', minWidth: 0 } : undefined}
      >
        <Input.Search
          allowClear
          aria-label={t('members.list.search')}
          placeholder={t('members.list.searchPlaceholder')}
          value={searchText}
          onChange={(event) => setSearchText(event.target.value)}
          onSearch={(value) => patch({ q: value.trim() || undefined })}
        />
      </Col>
      {isPhone && (
        <Col flex="none">
          <Badge count={activeCount} size="small">
            <Button
              icon={<FilterOutlined />}
              aria-expanded={isExpanded}
              onClick={() => setExpanded(!isExpanded)}
            >
              {t('members.list.filters')}
            </Button>
          </Badge>
        </Col>
      )}
      {isShown && (
        <>
          <Col {...cell}>
            {/* UnitPicker takes no aria-label: a label only screen readers see names it. */}
            <label htmlFor="member-filter-unit" style={VISUALLY_HIDDEN}>
              {t('members.filter.unit')}
            </label>
            <UnitPicker
              id="member-filter-unit"
              data-testid="filter-unit"
              placeholder={t('members.filter.unitPlaceholder')}
              initialUnits={initialUnits}
              value={filter.unitId}
              onChange={(unitId) => patch({ unitId })}
            />
          </Col>
          <Col {...cell}>
            <Select
              mode="multiple"
              allowClear
              aria-label={t('members.filter.status')}
              placeholder={t('members.filter.status')}
              style={{ width: '100%' }}
              maxTagCount="responsive"
              options={labels.statusOptions}
              value={filter.status ?? []}
              onChange={(status) => patch({ status })}
            />
          </Col>
          <Col {...cell}>
            <Select
              mode="multiple"
              allowClear
              aria-label={t('members.filter.category')}
              placeholder={t('members.filter.category')}
              style={{ width: '100%' }}
              maxTagCount="responsive"
              options={labels.categoryOptions}
              value={filter.category ?? []}
              onChange={(category) => patch({ category })}
            />
          </Col>
          <Col xs={12} sm={6} md={4} xl={3}>
            <Select
              allowClear
              aria-label={t('members.filter.gender')}
              placeholder={t('members.filter.gender')}
              style={{ width: '100%' }}
              options={labels.genderOptions}
              value={filter.gender}
              onChange={(gender) => patch({ gender })}
            />
          </Col>
          <Col xs={12} sm={6} md={4} xl={3}>
            <Select
              allowClear
              aria-label={t('members.filter.ageBand')}
              placeholder={t('members.filter.ageBand')}
              style={{ width: '100%' }}
              options={labels.ageBandOptions}
              value={filter.ageBand}
              onChange={(ageBand) => patch({ ageBand })}
            />
          </Col>
          <Col xs={12} sm={6} md={4} xl={3}>
            <Select
              allowClear
              showSearch
              aria-label={t('members.filter.joinYear')}
              placeholder={t('members.filter.joinYear')}
              style={{ width: '100%' }}
              options={JOIN_YEARS}
              value={filter.joinYear}
              onChange={(joinYear) => patch({ joinYear })}
            />
          </Col>
          <Col flex="auto">
            <Checkbox
              checked={filter.inTransit === true}
              onChange={(event) => patch({ inTransit: event.target.checked ? true : undefined })}
              style={{ paddingBlock: 5 }}
            >
              {t('members.filter.inTransit')}
            </Checkbox>
            <Checkbox
              checked={filter.needsReview === true}
              onChange={(event) => patch({ needsReview: event.target.checked ? true : undefined })}
              style={{ paddingBlock: 5 }}
            >
              {t('members.filter.needsReview')}
            </Checkbox>
            {hasFilter(filter) && (
              <Button
                type="link"
                icon={<ClearOutlined />}
                onClick={() => {
                  setSearchText('');
                  onChange({});
                }}
              >
                {t('members.list.clearFilters')}
              </Button>
            )}
          </Col>
        </>
      )}
    </Row>
  );
}
