import { App } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import type { Unit } from '@hoi/contracts';
import { unitQueries } from '../../../api/unit-queries';

/** Props every unit action dialog takes. */
export interface UnitActionProps {
  unit: Unit;
  open: boolean;
  onClose: () => void;
}

/** After a unit mutation: refresh every unit query (tree, detail, history) and confirm. */
export function useAfterUnitChange(): (text: string) => Promise<void> {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  return async (text) => {
    await queryClient.invalidateQueries({ queryKey: unitQueries.all });
    void message.success(text);
  };
}
