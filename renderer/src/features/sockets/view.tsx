// The live sockets view: filter bar, the grid and its status bar.
import { LiveView } from './LiveView';
import type { ViewDefinition } from '../../ui/view-definition';
import { FilterBar } from '../toolbar/index';

function SocketsView() {
  return (
    <>
      <div className="toolbar view-toolbar">
        <FilterBar />
      </div>
      <LiveView />
    </>
  );
}

/** The first tab. */
export const view: ViewDefinition = { id: 'sockets', order: 0, labelKey: 'views.sockets', Component: SocketsView };
