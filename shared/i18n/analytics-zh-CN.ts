// Simplified Chinese strings of state analytics, key for key the same as analytics-en.ts.
import type { analyticsEn } from './analytics-en';
import type { Translated } from './translated';

/** Sections merged into the Chinese dictionary. */
export const analyticsZhCN: Translated<typeof analyticsEn> = {
  stats: {
    observed:
      '按采样周期观测(每 {{ms}} 毫秒一次快照):短于一个周期的状态可能漏掉,两次采样之间的多步变化会显示为一次迁移。',
    sampling: '正在采样 {{ticks}} 次,间隔 {{ms}} 毫秒…',
    title: '各状态套接字数,最近 {{window}}({{points}} 个点,每点 {{seconds}} 秒)',
    now: '当前',
    mean: '平均',
    peak: '峰值',
    churn: '新建连接:{{opened}},关闭连接:{{closed}}',
    transitions: '状态迁移',
    byProcess: '按进程',
    byRemote: '按远端地址',
    none: '此时间窗内未观测到状态迁移。',
  },
  diagnosis: {
    none: '未发现问题:没有 CLOSE_WAIT、TIME_WAIT、端口、队列或重传方面的异常。',
    severity: { ok: '正常', warning: '警告', critical: '严重' },
    kernelTitle: '内核参数(只读;netinspect 从不修改)',
    kernelNotReadable: '只有 Linux 上可以读取内核参数(/proc/sys)。',
    range: '临时端口范围:{{low}}-{{high}}({{source}})',
    closeWait: {
      title: '进程 {{process}}(pid {{pid}})有 {{count}} 个 CLOSE_WAIT 套接字,最久的已 {{oldestS}} 秒',
      recommendation:
        'CLOSE_WAIT 表示对端已关闭(它的 FIN 已到达并被内核确认),但 {{process}} 一直没有对该套接字调用 close()。没有任何内核参数能结束它:套接字和文件描述符会一直保留,直到进程关闭它或退出。这是应用程序的缺陷:错误或 EOF 分支漏了 close()、连接泄漏,或线程阻塞在别处。请修正读到 EOF(read() 返回 0)的代码路径,让它关闭套接字。',
    },
    timeWait: {
      clientTitle: '到 {{endpoint}} 有 {{count}} 个 TIME_WAIT 套接字(占临时端口范围的 {{pct}}%):本机先关闭',
      serverTitle: '本地端口 {{port}} 上有 {{count}} 个 TIME_WAIT 套接字:本机(服务端)先关闭',
      hostTitle: '本机共有 {{count}} 个 TIME_WAIT 套接字',
      clientRecommendation:
        '先关闭的一方要在 TIME_WAIT 停留 2MSL(Linux 上为 60 秒),以免旧连接的迟到报文污染新连接。这里每个 TIME_WAIT 都占用一个(本地 IP,本地端口,{{endpoint}})四元组:内存占用很小,但到这个端点的临时端口用尽时,connect() 会以 EADDRNOTAVAIL 失败。请复用连接(keep-alive、连接池),让服务端先关闭,扩大 net.ipv4.ip_local_port_range,或开启 net.ipv4.tcp_tw_reuse(只作用于出站连接,需要 TCP 时间戳)。',
      serverRecommendation:
        '本机作为服务端先关闭,所以 TIME_WAIT 留在本机 2MSL。每个客户端的四元组各不相同,因此不会耗尽本机端口,每个套接字只占少量内存;只有接近 net.ipv4.tcp_max_tw_buckets 时才要紧(内核会提前销毁 TIME_WAIT 并记录溢出日志)。若想把 TIME_WAIT 移到客户端,让客户端先关闭(HTTP keep-alive)。不要再找 tcp_tw_recycle:它让 NAT 后的客户端连不上,已在 Linux 4.12 删除。',
      hostRecommendation:
        'TIME_WAIT 多时每个只占少量内存;真正要紧的是某个远端端点用尽了临时端口(见按端点的诊断),或总数接近 net.ipv4.tcp_max_tw_buckets。请查清哪一方先关闭,以及连接能否复用。',
    },
    ephemeral: {
      title: '{{local}} 到 {{remote}} 使用了 {{count}}/{{size}} 个临时端口({{pct}}%)',
      recommendation:
        '从 {{local}} 到 {{remote}} 的每个连接都要从临时端口范围 {{low}}-{{high}} 中占用一个本地端口,TIME_WAIT 中的套接字也仍占着端口。用尽时 connect() 会以 EADDRNOTAVAIL(Windows 上为 WSAEADDRINUSE)失败。请复用连接,把连接分散到更多本地地址或远端端口,或扩大范围(Linux 的 net.ipv4.ip_local_port_range;Windows 的 netsh int ipv4 set dynamicport)。',
    },
    listenQueue: {
      title: '监听 {{endpoint}}({{process}},pid {{pid}})有 {{queued}} 个连接在等待,backlog 为 {{backlog}}',
      recommendation:
        '内核已完成握手的连接在 accept 队列中等待 {{process}} 调用 accept()。队列大小为 min(listen() 的 backlog, net.core.somaxconn)。队列满时内核会丢弃新的握手,客户端会看到连接变慢或失败。请加快 accept(更多工作线程,accept 循环中不要阻塞),或同时调大 backlog 和 somaxconn。',
    },
    synFlood: {
      title: '端口 {{port}} 上有 {{count}} 个半开连接(SYN_RECEIVED)',
      recommendation:
        '握手在客户端确认 SYN-ACK 之前一直处于 SYN_RECEIVED;正常链路上只需一个往返。同时出现数百个意味着 SYN 洪水或回程路径故障。开启 net.ipv4.tcp_syncookies 时内核仍能服务真实客户端;请检查来源,如果是攻击请在上游过滤。',
    },
    retransmits: {
      title: '进程 {{process}}(pid {{pid}})有 {{count}} 个连接重传严重(最多 {{max}} 个报文段)',
      recommendation:
        '一次重传意味着报文段或其 ACK 丢失,或重传定时器在 ACK 到达前就触发了。吞吐下降、延迟抖动。请检查到这些对端的网络路径(丢包、拥塞、MTU 问题),而不是应用程序。',
    },
    failedConnect: {
      title: '{{process}}(pid {{pid}})在最近一分钟内向 {{endpoint}} 发起的连接失败了 {{count}} 次',
      titleUnknown: '最近一分钟内有 {{count}} 次连接 {{endpoint}} 失败(调用者未知)',
      recommendation:
        '一次从未到达 ESTABLISHED 的 connect():套接字从 SYN_SENT 直接变为 CLOSE。可能那里没有进程监听(被拒绝:收到 RST)、防火墙丢弃了 SYN(超时),或者没有路由(不可达)。请确认 {{endpoint}} 已启动且本机可达,并确认调用方会退避重试,而不是紧密循环地重试。',
    },
    evidence: {
      oldestAtLeast: '最早的一个至少在 {{seconds}} 秒前进入此状态(轮询时首次看到,实际可能更久)',
      oldestKernel: '最早的一个在 {{seconds}} 秒前进入此状态(来自内核时钟)',
      timeWaitLeft: '按内核计时器,最早的一个将在 {{first}} 秒后释放端口,最后一个在 {{last}} 秒后',
      failedTraced: '每一次失败的连接都已计入,并附调用者(已跟踪)',
      failedObserved:
        '只计入在某次刷新时处于 SYN_SENT 的连接:被拒绝的连接在两次刷新之间就结束了。以 root 运行(或“显示所有所有者”)可跟踪每一次。',
      count: '{{count}} 个套接字处于 {{state}}',
      hostTotal: '全机共 {{count}} 个套接字处于 {{state}}',
      oldest: '最久的一个在 {{seconds}} 秒前进入该状态',
      peers: '对端:{{list}}',
      localPorts: '本地端口:{{list}}',
      localAddresses: '本地地址:{{list}}',
      closedFirst: {
        client: '本机作为客户端先关闭(本地端口不是本机的监听端口)。',
        server: '本机作为服务端先关闭(本地端口是本机的监听端口)。',
        host: '情况混合:请按端点查看哪一方先关闭。',
      },
      usage: '已用 {{count}}/{{size}} 个临时端口({{pct}}%)',
      range: '临时端口范围 {{low}}-{{high}},排除 {{excluded}} 个端口',
      states: '状态:{{list}}',
      backlog: '{{queued}} 个连接等待 accept(),backlog 为 {{backlog}}',
      sources: '来源:{{list}}',
      retransmits: '{{remote}}:重传 {{retransmits}} 个报文段,RTT {{rttMs}} 毫秒',
    },
  },
  kernel: {
    tcpTwReuse:
      'tcp_tw_reuse:为 1 时,若 TCP 时间戳能证明新报文更新,出站连接可复用仍处于 TIME_WAIT 的四元组;为 2(Linux 4.19 起的默认值)时仅限回环。安全;适合向同一端点频繁建立短连接的客户端。',
    tcpFinTimeout:
      'tcp_fin_timeout:孤儿连接在 FIN_WAIT_2 中等待对端 FIN 的秒数。它并不缩短 TIME_WAIT(Linux 上固定 60 秒),尽管很多调优文章这么说。',
    tcpMaxTwBuckets:
      'tcp_max_tw_buckets:内核保留的 TIME_WAIT 套接字上限;超过后新的会被立即销毁,并记录 "time wait bucket table overflow"。这是防洪水的保险,不是调优参数。',
    somaxconn: 'somaxconn:所有 listen() backlog(accept 队列)的上限。服务端请求更大的 backlog 时会被悄悄截断为此值。',
    ipLocalPortRange:
      'ip_local_port_range:connect() 选取临时端口的范围。它的大小限制了从一个本地 IP 到一个远端 IP 和端口的连接数(含 TIME_WAIT)。',
    tcpTwRecycle:
      'tcp_tw_recycle:会提前回收 TIME_WAIT,并按对端 IP 丢弃时间戳倒退的报文,这会让 NAT 后的客户端(时间戳各不相同)连不上。请保持为 0。',
    tcpTwRecycleRemoved:
      'tcp_tw_recycle 不存在:它已在 Linux 4.12 删除,因为它让 NAT 后的客户端连不上(多台主机共用一个 IP,却不共用时间戳时钟)。请在客户端改用 tcp_tw_reuse。',
  },
  alerts: {
    raisedTitle: 'netinspect 警报',
    clearedTitle: 'netinspect：警报已解除',
    'port-down': '被监视的端口 {{port}} 已无人监听。',
    'port-owner-changed': '被监视的端口 {{port}} 换了主人:原为 {{before}},现为 {{owner}}。',
    'close-wait-count': '进程 {{process}}(pid {{pid}})持有 {{count}} 个 CLOSE_WAIT 套接字(上限 {{limit}})。',
    'close-wait-age':
      '进程 {{process}}(pid {{pid}})有一个 CLOSE_WAIT 套接字已存在 {{oldestS}} 秒(上限 {{limitS}} 秒):它在对端关闭后没有关闭套接字。',
    'time-wait-count': '本机有 {{count}} 个 TIME_WAIT 套接字(上限 {{limit}})。',
    'ephemeral-usage': '{{local}} 到 {{remote}} 已用 {{pct}}% 的临时端口(上限 {{limit}}%)。',
    'new-connections-rate': '每秒新建 {{rate}} 个连接(上限 {{limit}})。',
    'failed-connects': '{{process}} 在最近一分钟内向 {{endpoint}} 的连接失败了 {{count}} 次(上限 {{limit}})。',
    cleared: {
      default: '已恢复。',
      'port-up': '端口 {{port}} 重新有人监听:{{owner}}。',
    },
    raised: '告警',
    clearedTag: '恢复',
    watching: '正在监视 {{ports}},每 {{ms}} 毫秒一次。按 Ctrl+C 停止。',
  },
};
