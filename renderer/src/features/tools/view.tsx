// The Tools tab: who owns a port, the bind test and the port scan.
import type { ViewDefinition } from '../../ui/view-definition';
import { BindTestPanel } from './BindTestPanel';
import { ScanPanel } from './ScanPanel';
import { WhoOwnsPanel } from './WhoOwnsPanel';

function ToolsView() {
  return (
    <div className="tools-view">
      <WhoOwnsPanel />
      <BindTestPanel />
      <ScanPanel />
    </div>
  );
}

/** The tools tab, after sockets and the analytics views. */
export const view: ViewDefinition = { id: 'tools', order: 40, labelKey: 'tools.tab', Component: ToolsView };
