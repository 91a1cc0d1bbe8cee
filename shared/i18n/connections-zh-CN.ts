// Simplified Chinese strings of the Connections log and of the tracing mode (status bar, Charts view, details).
import type { connectionsEn } from './connections-en';
import type { Translated } from './translated';

/** The `connections` and `tracing` sections merged into the zh-CN dictionary. */
export const connectionsZhCN: Translated<typeof connectionsEn> = {
  connections: {
    tab: '连接记录',
    past: '来自录制：{{since}} 至 {{until}} 关闭了 {{n}} 个连接。',
    pastTruncated: '来自录制：{{since}} 至 {{until}} 关闭的前 {{n}} 个连接（这几秒内关闭的连接多于日志可容纳的数量）。',
    gridLabel: '已关闭的连接',
    loading: '正在加载已关闭的连接…',
    none: '自 netinspect 启动以来还没有连接关闭。',
    noMatch: '没有符合筛选条件的已关闭连接。',
    shown: '显示：{{shown}} / {{kept}}',
    total: '启动以来已关闭：{{n}}',
    error: '无法读取连接记录：{{message}}',
    columns: {
      closedAt: '关闭时间',
      proto: '协议',
      local: '本地地址',
      remote: '远程地址',
      finalState: '最终状态',
      duration: '持续时间',
      sent: '已发送',
      received: '已接收',
      rtt: 'RTT 毫秒',
      retransmits: '重传',
      owner: '进程',
      failed: '连接',
    },
    failed: '失败',
    failedHelp: 'connect() 从未成功：被拒绝、超时或不可达（从 SYN_SENT 直接关闭）',
    closedAtSource: {
      kernel: '内核释放该套接字的时间（销毁事件）',
      trace: '内核跟踪到其最后一次状态变化的时间',
      observed: '发现它已消失的那次刷新：实际关闭时间略早',
    },
    finalStateSource: {
      trace: '内核跟踪点看到它关闭前所处的状态：精确值',
      kernel: '来自内核：连接仍以此状态存在，或内核释放它时不知道更早的状态',
      observed:
        '某次刷新最后看到的状态，最多早于关闭一个刷新间隔：之后可能已改变。开启状态跟踪（以管理员身份运行 netinspect 并挂载 tracefs）后为精确值。',
    },
    durationSource: {
      trace: '从跟踪到的建立时间到关闭：精确值',
      observed: '从第一次刷新看到它打开时算起：它可能更早建立，因此至少存活了这么久',
      kernel: '来自内核：精确值',
    },
    why: {
      udp: 'UDP 不记录字节计数',
      neverConnected: '连接从未成功：没有发送或接收任何数据',
      notPolled: '只有一次刷新看到了这次关闭，且没有读到它的计数',
      finUnknown: '内核的计数可能包含对端的 FIN，但无法确定是否包含，因此有效载荷无法精确得知',
      noTcpInfo: '内核没有提供最终计数（连接被重置，或内核早于 4.19）',
      noOwner: '没有看到持有它的进程（它在刷新之前就关闭了，或所属进程被隐藏）',
      neverSeenOpen: '从未看到它处于打开状态：在刷新或跟踪看到它之前就已关闭',
    },
    source: {
      label: '连接记录的数据来源',
      kernel: '每一次关闭都来自内核的销毁事件',
      observed: '通过比较每次刷新发现关闭：短于一次刷新的连接会被漏掉',
      lost: '丢失了 {{n}} 个事件（读取太慢）',
      lostMin: '至少丢失了 {{n}} 个事件（读取太慢）',
      noLoss: '没有丢失',
      opened: '建立时间：{{mode}}',
      openedTrace: '来自跟踪（精确）',
      openedObserved: '刷新时首次看到（持续时间为下限）',
    },
    chart: {
      title: '每秒关闭数，最近 5 分钟',
      label: '最近五分钟内每秒关闭连接数的柱状图；精确数值见表格',
      count: '已关闭',
    },
    menu: {
      label: '已关闭连接的操作',
    },
    cli: {
      sampling:
        '{{ticks}} 次刷新（间隔 {{ms}} 毫秒）期间关闭的连接（{{source}}）；使用 --follow 持续观察，应用会保留最近 10,000 条。',
      following: '正在持续输出已关闭的连接（{{source}}），按 Ctrl+C 结束。',
      sourceKernel: '每一次关闭都来自内核的销毁事件',
      sourceObserved: '通过比较每次刷新发现：{{reason}}',
      sourceDiffs: '通过比较每次刷新发现：短于一次刷新的连接会被漏掉',
      lost: '丢失了 {{n}} 个内核事件：netinspect 读取得太慢。',
      observedState:
        '{{mark}} 为某次刷新最后看到的状态，最多早于关闭一个刷新间隔，之后可能已改变。开启状态跟踪（以管理员身份运行 netinspect 并挂载 tracefs）后，每个连接关闭前所处的状态是精确的。',
    },
  },
  tracing: {
    transitions: {
      trace: '状态转换：已跟踪',
      observed: '状态转换：每次刷新时观察',
    },
    transitionsHelp: {
      trace: '每一次 TCP 状态变化都精确地来自内核跟踪点。',
      observed: '通过比较每次刷新来发现状态变化：短暂的状态和连接可能被漏掉。',
    },
    closes: {
      kernel: '关闭：内核',
      observed: '关闭：刷新比较',
    },
    closesHelp: {
      kernel: '每一个已关闭的连接都来自内核的销毁事件。',
      observed: '通过比较每次刷新发现已关闭的连接：短于一次刷新的会被漏掉。',
    },
    mount: '挂载 tracefs 后会自动开始跟踪：',
    charts: {
      trace: '已跟踪：每一次 TCP 状态转换都来自内核。',
      observed: '每次刷新时观察（短暂的状态可能漏掉）。',
    },
    age: {
      kernel: '内核时钟',
      kernelBound: '内核时钟，至少',
      trace: '已跟踪',
      observed: '轮询首次看到，至少',
    },
  },
};
