import { Flex, Spin } from 'antd';

/** A centred spinner for whole-page loading (session probe, lazy pages). */
export function FullPageSpin() {
  return (
    <Flex align="center" justify="center" style={{ minHeight: '40vh', width: '100%' }}>
      <Spin size="large" />
    </Flex>
  );
}
