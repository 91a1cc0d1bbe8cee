// Simplified Chinese strings of the shared input limits, the strict filter check and the hidden-owner notes.
import type { limitsEn } from './limits-en';
import type { Translated } from './translated';

/** Sections merged into the Chinese dictionary; same keys as limits-en.ts. */
export const limitsZhCN: Translated<typeof limitsEn> = {
  limits: {
    stateEmpty: '状态列表 "{{value}}" 无效：逗号之间有空的名称。请给出 {{allowed}} 中的一个或多个，用逗号分隔。',
    interval: '{{field}} "{{value}}" 无效：请给出 {{min}} 到 {{max}} 之间的时间。',
    durationRange: '{{field}} "{{value}}" 无效：请给出 {{min}} 到 {{max}} 之间的时长。',
    countRange: '{{field}} "{{value}}" 无效：请输入 {{min}} 到 {{max}} 之间的整数。',
  },
  filterCheck: {
    tooLong: '过滤条件长 {{length}} 个字符：最多允许 {{max}} 个。',
    unknownKey: '"{{token}}" 中的过滤键 "{{key}}" 未知：请使用 {{allowed}}，或用不带冒号的词搜索所有列。',
    emptyValue: '过滤项 "{{token}}" 的冒号后没有值，例如 state:listen 或 :8080。',
    state: '过滤项 "{{token}}" 中的状态 "{{value}}" 未知：请使用 {{allowed}} 之一。',
    port: '过滤项 "{{token}}" 中的端口无效：请输入 0 到 65535 之间的整数。',
    pid: '过滤项 "{{token}}" 中的 PID 无效：请输入正整数。',
    proto: '过滤项 "{{token}}" 中的协议未知：请使用 tcp、udp、tcp4、tcp6、udp4 或 udp6。',
  },
  owners: {
    hiddenOne:
      '1 个套接字的所有者被隐藏：netinspect 未以管理员权限运行；请以 root/管理员身份运行（在窗口中：显示所有所属进程）以查看全部所有者。',
    hiddenMany:
      '{{n}} 个套接字的所有者被隐藏：netinspect 未以管理员权限运行；请以 root/管理员身份运行（在窗口中：显示所有所属进程）以查看全部所有者。',
    recordedOne: '录制中没有 1 个套接字的所有者：录制进程看不到它（未以管理员权限运行，或该进程不在其可见范围内）。',
    recordedMany:
      '录制中没有 {{n}} 个套接字的所有者：录制进程看不到它们（未以管理员权限运行，或这些进程不在其可见范围内）。',
    unseenOne:
      '即使拥有管理员权限，也无法识别 1 个套接字的所有者：它属于无法访问的进程（另一个 PID 命名空间，例如容器），不属于任何进程，或其进程在扫描期间已退出。',
    unseenMany:
      '即使拥有管理员权限，也无法识别 {{n}} 个套接字的所有者：它们属于无法访问的进程（另一个 PID 命名空间，例如容器），不属于任何进程，或其进程在扫描期间已退出。',
  },
};
