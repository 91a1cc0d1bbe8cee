// Simplified Chinese strings of the kernel event sources (closed connections, traced transitions).
import type { kernelEventsEn } from './kernel-events-en';
import type { Translated } from './translated';

/** The `kernelEvents` section merged into the zh-CN dictionary. */
export const kernelEventsZhCN: Translated<typeof kernelEventsEn> = {
  kernelEvents: {
    source: {
      closedSockets: '已关闭的连接（内核销毁事件）',
      stateTrace: '状态转换（内核跟踪点）',
    },
    reason: {
      noSockDiag: '此内核或沙箱不提供 sock_diag netlink 套接字（{{errno}}）：已关闭的连接通过比较每次刷新来统计。',
      groupsRefused: '内核拒绝发送套接字销毁事件（{{errno}}），容器可能会这样做：已关闭的连接通过比较每次刷新来统计。',
      noDestroyGroups: '此内核不发送套接字销毁事件：已关闭的连接通过比较每次刷新来统计。',
      threadFailed: '此数据源的读取线程无法启动（{{errno}}）。',
      failed: '此数据源已停止：{{detail}}。',
      notRoot: '跟踪每一次状态转换需要管理员权限：状态转换改为在每次刷新时观察。',
      tracefsNotMounted: 'tracefs 未挂载：状态转换改为在每次刷新时观察。',
      eventMissing: '此内核没有 sock:inet_sock_set_state 跟踪点：状态转换改为在每次刷新时观察。',
      instanceRefused: 'tracefs 拒绝创建私有跟踪实例（{{errno}}）：状态转换改为在每次刷新时观察。',
    },
    action: {
      elevate: '选择“显示所有所属进程（管理员）”，或用 sudo 运行 netinspect。',
      mount: '挂载后会自动启用：{{command}}',
      newerKernel: '请在 Linux {{version}} 或更高版本上运行。',
      allowNetlink: '请在宿主机上运行 netinspect，或在容器中允许 NETLINK_SOCK_DIAG 套接字。',
      writableTracefs: '请让 root 可写 tracefs（它可能以只读方式挂载），然后重启 netinspect。',
      restart: '请重启 netinspect；如果反复出现，请报告此问题。',
    },
  },
};
