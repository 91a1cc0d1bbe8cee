// Prometheus 导出器的简体中文文本：配置错误、启动警告与 HTTP 回应。
import type { metricsEn } from './metrics-en';
import type { Translated } from './translated';

/** Section merged into the zh-CN dictionary; the type keeps its keys equal to the English ones. */
export const metricsZhCN: Translated<typeof metricsEn> = {
  metrics: {
    listenFormat:
      '无效的 --listen “{{value}}”：请写成 主机:端口，主机为 IP 地址，例如 127.0.0.1:9469、[::1]:9469 或 0.0.0.0:9469。',
    listenPort: '--listen “{{value}}” 中的端口无效：请使用 0 到 65535（0 表示任意空闲端口）。',
    topRange: '无效的 --top “{{value}}”：请使用 1 到 {{max}} 之间的整数。',
    portInUse: '地址 {{address}} 已被占用：请停止在该处监听的程序，或用 --listen 另选一个。',
    portPrivileged:
      '绑定端口 {{port}} 需要特权：请选择 1023 以上的端口（默认的 9469 无需特权），或授予 CAP_NET_BIND_SERVICE。',
    addressUnavailable: '地址 {{address}} 不属于本机：请在 --listen 中使用本机的地址，或 127.0.0.1。',
    tokenUnreadable: '无法读取令牌文件 {{file}}（{{reason}}）：请检查路径，以及导出器的运行用户能否读取它。',
    tokenEmpty: '令牌文件 {{file}} 是空的：请把 Prometheus 发送的 bearer 令牌写进去，占一行。',
    tokenReadable: '令牌文件 {{file}} 可被其他用户读取：请用 chmod 600 限制权限。',
    tokenInClear: 'bearer 令牌以明文发往 {{address}}：请加上 --tls-cert 和 --tls-key，或只监听 127.0.0.1。',
    tlsPair: 'TLS 需要同时提供 --tls-cert 和 --tls-key：请一并给出证书及其私钥。',
    tlsUnreadable: '无法读取 TLS 文件 {{file}}（{{reason}}）：请检查路径及其权限。',
    tlsBadCert: 'TLS 证书 {{file}} 不是 PEM 证书（{{reason}}）：请给出以 -----BEGIN CERTIFICATE----- 开头的文件。',
    tlsBadKey:
      'TLS 私钥 {{file}} 不是可用的 PEM 私钥（{{reason}}）：请给出未加密的私钥（-----BEGIN PRIVATE KEY-----）。',
    tlsMismatch: 'TLS 私钥 {{key}} 与证书 {{cert}} 不匹配：请给出签发该证书时所用的私钥。',
    tlsExpired: 'TLS 证书 {{file}} 已于 {{date}} 过期：Prometheus 会拒绝它，请更新证书。',
    notLoopback:
      '指标在 {{address}} 上提供，其他机器可以访问：请用 --token-file 与 --tls-cert/--tls-key 保护，或使用防火墙。',
    http: {
      unauthorized: '未授权：请发送导出器令牌文件中的 bearer 令牌（Authorization: Bearer …）。',
      notFound: '未找到：此端口只提供 GET /metrics。',
      scrapeFailed: 'netinspect 在本次抓取中无法读取套接字表；请查看导出器的日志。',
    },
  },
};
