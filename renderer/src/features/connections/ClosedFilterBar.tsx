// The Connections log's filter box: the table's syntax, its own text, an unknown term named beside the box.
import { useStore } from '../../store/index';
import { FilterField } from '../../ui/FilterField';

/** The filter input above the log. */
export function ClosedFilterBar() {
  const text = useStore((s) => s.closedFilter);
  const setText = useStore((s) => s.setClosedFilter);
  return (
    <div className="filter-bar">
      <FilterField text={text} onChange={setText} />
    </div>
  );
}
