// Simplified Chinese strings of traffic per socket and per process (mirrors procs-en.ts key for key).
import type { procsEn } from './procs-en';

type Strings<T> = { readonly [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

/** Sections merged into the Chinese dictionary (`traffic`, `processesUi`, `hostNames`, `top`). */
export const procsZhCN: Strings<typeof procsEn> = {
  traffic: {
    columns: {
      sentRate: '发送/秒',
      receivedRate: '接收/秒',
    },
    columnHelp: {
      sentRate:
        '上次刷新以来每秒发送的有效载荷字节数（内核 tcp_info 计数器）。回环流量在两端都计数：一端发送，对端接收。',
      receivedRate:
        '上次刷新以来每秒接收的有效载荷字节数（内核 tcp_info 计数器）。回环流量在两端都计数：一端发送，对端接收。',
    },
    rate: '{{rate}}/秒',
    gap: {
      udp: 'sock_diag 不提供 UDP 套接字的字节计数器',
      windows: 'Windows：TCP 表不含字节计数器（GetPerTcpConnectionEStats 可以提供；netinspect 尚未读取）',
      macos: 'macOS：libproc 不提供每个套接字的字节计数器',
      timeWait: 'TIME_WAIT：连接已关闭，内核不再为其保留字节计数器',
      noCounters: '此套接字没有 tcp_info 计数器（/proc/net 回退、较旧的内核或半开连接）',
      firstSight: '速率需要两次刷新：下次刷新起显示',
    },
    details: {
      menu: '连接详情…',
      title: '连接详情',
      connection: '连接',
      state: '状态',
      owners: '所有者',
      ownersHelp: '持有此套接字的所有进程，父进程在前',
      parent: '父进程',
      noOwner: '不可见',
      sentRate: '当前发送',
      receivedRate: '当前接收',
      sentTotal: '累计发送',
      receivedTotal: '累计接收',
      totalsNote:
        '累计值来自内核 tcp_info 计数器：自连接建立以来的有效载荷字节数，包括 netinspect 看到它之前（首次看到：{{seen}}）。',
      noTotals: '没有字节计数器',
      rtt: '往返时间',
      retransmits: '重传报文段',
      remoteName: '远程主机',
      close: '关闭',
    },
    killShared: {
      noteOne:
        '结束工作进程不会释放端口 {{ports}}：其主进程 {{name}}（{{pid}}）和其他工作进程也持有它。要结束主进程 {{pid}} 吗？',
      noteMany:
        '结束工作进程不会释放端口 {{ports}}：其主进程 {{name}}（{{pid}}）和其他工作进程也持有这些端口。要结束主进程 {{pid}} 吗？',
      button: '结束主进程 {{name}}（{{pid}}）…',
    },
  },
  processesUi: {
    tab: '进程',
    table: '进程',
    past: '{{time}} 时的录制：速率为当时结束的那次刷新期间的速率；字节数为当时打开的各连接自建立以来的内核计数。没有迷你图：回到实时视图查看。',
    interval: '速率为最近 {{ms}} 毫秒；字节数自 netinspect 看到各进程起累计。',
    loopback: '回环流量在两端都计数（一个进程发送，对端进程接收）；UDP 不计数。',
    closedKernel: '已关闭的连接按内核最终计数器计数（销毁事件）。',
    closedObserved: '已关闭的连接按最后一次刷新时所见计数：之后的字节会遗漏（内核销毁事件未开启）。',
    loading: '正在测量流量…',
    empty: '没有进程持有套接字。',
    error: '无法加载流量：{{message}}',
    columns: {
      name: '进程',
      pid: 'PID',
      user: '用户',
      listening: '监听',
      states: '各状态套接字',
      sentRate: '发送/秒',
      receivedRate: '接收/秒',
      bytes: '字节 ↑发送 ↓接收',
      remoteHosts: '远程主机',
      actions: '操作',
    },
    status: {
      idle: '空闲',
      idleHelp: '仍在运行，当前不持有套接字',
      exited: '已退出',
      exitedHelp: '已退出；其累计值会保留一段时间',
    },
    udp: 'UDP',
    udpHelp: '持有 UDP 套接字：其字节不在这些数字中（sock_diag 没有每个 UDP 套接字的计数器）',
    noRate: '此进程没有 TCP 字节计数器',
    expand: '显示 {{name}}（{{pid}}）的连接',
    collapse: '隐藏 {{name}}（{{pid}}）的连接',
    connections: '{{name}}（{{pid}}）的连接',
    noConnections: '当前没有连接。',
    connectionColumns: {
      local: '本地',
      remote: '远程',
      state: '状态',
    },
    menu: {
      label: '进程操作',
      open: '{{name}}（{{pid}}）的操作',
      kill: '结束进程…',
      details: '进程详情…',
      filter: '筛选到此进程',
      gone: '该进程已退出',
    },
    hidden: {
      name: '隐藏的所有者',
      kernel: '无所有者（内核）',
      sockets: '{{n}} 个套接字',
    },
    rateLabel: '{{name}} 最近 {{n}} 次刷新的{{direction}}速率',
    destinations: {
      title: '主要目的地',
      host: '主机',
      connections: '连接',
      bytes: '字节 ↑发送 ↓接收',
      processes: '进程',
      empty: '尚无远程主机。',
    },
  },
  hostNames: {
    resolve: '解析地址',
    resolveHelp: '显示远程地址的主机名：先查 hosts 文件，再在后台进行反向 DNS 查询（仅公网地址）',
    private: '包括私有地址',
    privateHelp: '也为回环、私有和链路本地地址发送反向 DNS 查询',
    title: '{{name}}（{{address}}）',
  },
  top: {
    sortUnknown: '未知的排序方式“{{value}}”：请使用 {{allowed}} 之一。',
    title: 'netinspect top · {{time}} · 每 {{interval}} · 按{{sort}}排序 · {{n}} 个进程',
    total: '合计：发送 {{sent}}，接收 {{received}}',
    more: '… 另有 {{n}} 个',
    hiddenName: '（隐藏的所有者）',
    limits: 'TCP 有效载荷来自内核 tcp_info 计数器；UDP 不计数（没有每个套接字的计数器）；回环流量在两端都计数。',
    closedKernel: '已关闭的连接按内核最终计数器计数。',
    closedObserved: '内核销毁事件未开启：已关闭的连接按最后一次刷新时所见计数。',
    sorts: {
      rate: '速率',
      bytes: '字节',
      conns: '连接数',
    },
    columns: {
      pid: 'PID',
      user: '用户',
      process: '进程',
      sent: '发送/秒',
      received: '接收/秒',
      sentTotal: '发送',
      receivedTotal: '接收',
      conns: '连接',
      status: '状态',
    },
    status: {
      live: '活动',
      idle: '空闲',
      exited: '已退出',
    },
  },
};
