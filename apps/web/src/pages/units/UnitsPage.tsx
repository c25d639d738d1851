import { useEffect, useState } from 'react';
import { Button, Card, Col, DatePicker, Empty, Flex, Grid, Input, Row } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Outlet, useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { DATE_FORMAT, isFutureDate, toIsoDate } from '../../lib/format';
import { useDebounced } from '../../lib/use-debounced';
import { AsOfTree } from './AsOfTree';
import { UnitSearchResults } from './UnitSearchResults';
import { UnitTree } from './UnitTree';

/**
 * /units and /units/:id: the tree (current, searched, or as of a date; the last two kept in the
 * URL as ?q= and ?asOf=) beside the selected unit. Phones show one of the two at a time.
 */
export function UnitsPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const [searchParams, setSearchParams] = useSearchParams();
  const screens = Grid.useBreakpoint();
  const isWide = Boolean(screens.lg);

  const q = searchParams.get('q') ?? '';
  const asOf = searchParams.get('asOf');
  const [searchText, setSearchText] = useState(q);
  const settledSearch = useDebounced(searchText.trim(), 300);

  useEffect(() => {
    if (settledSearch === q) return;
    const next = new URLSearchParams(searchParams);
    if (settledSearch) next.set('q', settledSearch);
    else next.delete('q');
    setSearchParams(next, { replace: true });
  }, [settledSearch, q, searchParams, setSearchParams]);

  const setAsOf = (value: string | undefined) => {
    const next = new URLSearchParams(searchParams);
    if (value) next.set('asOf', value);
    else next.delete('asOf');
    setSearchParams(next);
  };

  const openUnit = (unitId: string) =>
    void navigate({ pathname: `/units/${unitId}`, search: location.search });

  const panel = (
    <Card
      title={t('units.title')}
      size="small"
      styles={{ body: { padding: 12 } }}
      data-testid="units-panel"
    >
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          value={searchText}
          placeholder={t('units.searchPlaceholder')}
          onChange={(event) => setSearchText(event.target.value)}
          onSearch={(value) => setSearchText(value)}
          style={{ flex: '1 1 200px' }}
          data-testid="unit-search"
        />
        <DatePicker
          format={DATE_FORMAT}
          placeholder={t('units.asOf')}
          value={asOf ? dayjs(asOf) : null}
          disabledDate={isFutureDate}
          onChange={(value) => setAsOf(toIsoDate(value))}
          style={{ flex: '0 1 160px' }}
          data-testid="as-of-date"
        />
      </Flex>
      <div style={isWide ? { maxHeight: 'calc(100vh - 230px)', overflow: 'auto' } : undefined}>
        {q ? (
          <UnitSearchResults q={q} selectedId={id} onSelect={openUnit} />
        ) : asOf ? (
          <AsOfTree
            asOf={asOf}
            selectedId={id}
            onSelect={openUnit}
            onBack={() => setAsOf(undefined)}
          />
        ) : (
          <UnitTree selectedId={id} onSelect={openUnit} />
        )}
      </div>
    </Card>
  );

  if (!isWide) {
    if (!id) return panel;
    return (
      <>
        <Button
          icon={<ArrowLeftOutlined />}
          style={{ marginBottom: 12 }}
          onClick={() => void navigate({ pathname: '/units', search: location.search })}
        >
          {t('units.backToTree')}
        </Button>
        <Outlet />
      </>
    );
  }

  return (
    <Row gutter={16} wrap={false}>
      <Col flex="400px" style={{ minWidth: 0 }}>
        <div style={{ position: 'sticky', top: 88 }}>{panel}</div>
      </Col>
      <Col flex="auto" style={{ minWidth: 0 }}>
        {id ? (
          <Outlet />
        ) : (
          <Card>
            <Empty description={t('units.selectHint')} />
          </Card>
        )}
      </Col>
    </Row>
  );
}
