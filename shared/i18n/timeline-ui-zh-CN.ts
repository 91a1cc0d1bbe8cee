// 窗口与命令行中的时间线简体中文文本：时间线条、录制状态、record 与 --at 命令。
import type { timelineUiEn } from './timeline-ui-en';
import type { Translated } from './translated';

/** Sections merged into the zh-CN dictionary; the type keeps its keys equal to the English ones. */
export const timelineUiZhCN: Translated<typeof timelineUiEn> = {
  timelineUi: {
    bar: {
      label: '时间线',
      slider: '录制中的时间',
      strip: '录制期间各状态的套接字数',
      range: '{{from}} – {{to}}',
      live: '实时',
      viewing: '正在查看 {{time}}',
      backToLive: '回到实时',
      newest: '最新',
      previous: '上一个刷新点',
      next: '下一个刷新点',
      keys: 'Alt+← / Alt+→：逐个刷新点移动',
      empty: '尚未录制任何内容。',
      gap: '{{from}} 至 {{to}} 未录制（{{reason}}）：这是此前最后一张表。',
      following: '正在跟随 {{file}}，录制于 {{host}}',
      opened: '{{host}} 的录制（只读）：{{file}}',
      tick: '录制于 {{time}}',
    },
    status: {
      toggle: '录制',
      recording: '正在录制 · {{size}}',
      off: '录制已关闭',
      paused: '录制已暂停：{{reason}}',
      readOnly: '只读录制 · {{size}}',
      reason: {
        'disk-full': '磁盘已满',
        unwritable: '文件不可写',
        failed: '写入失败',
        refused: '文件被拒绝',
      },
    },
    grid: {
      past: '{{time}} 时的套接字',
      pastAction: '这一行来自过去：请回到实时后再对其操作。',
    },
    error: {
      none: '没有打开的录制：应用运行时会录制（“录制”设置），或运行 netinspect record。',
      sinceAfterUntil: '--since {{since}} 晚于 --until {{until}}：请先给出较早的时间。',
      bothTimes: '{{given}} 还需要 {{missing}}：请给出时间窗口的两端。',
      dbNeedsTime: '--db 只指明读取哪个录制，没有指明时间：请加上 {{flags}}。',
      dbNeedsAtOrWindow:
        '--db 只指明读取哪个录制，没有指明时间：表格请加上 --at TIME，时间窗口请加上 --since TIME --until TIME。',
      size: '无效的 {{field}} "{{value}}"：请给出 512MiB、1GiB 或 2GB 这样的大小，范围 {{min}} 至 {{max}}。',
      followPast: '--follow 实时打印关闭的连接，--since 与 --until 读取录制：请只选其一。',
      dbOrOpen: '--db 跟随正在写入的录制，--open 打开复制来的录制：请只给出其中一个。',
      retention: '无效的 {{field}} "{{value}}"：请给出 12h、7d 或 30d 这样的时长，范围 1h 至 365d。',
    },
    cli: {
      recording: '正在录制到 {{file}}，每 {{interval}} 一次（保留 {{retention}}，最多 {{size}}）。按 Ctrl+C 停止。',
      recovered: '上一个录制进程（{{host}} 上的 pid {{pid}}）未正常关闭；它的刷新点均已保留。',
      stopped: '已停止：写入 {{ticks}} 个刷新点，磁盘占用 {{size}}。',
      paused: '录制已暂停：{{message}}',
      resumed: '录制已恢复。',
      at: '{{host}} 上录制于 {{tick}} 的表（{{n}} 个套接字；查询时间 {{at}}）。',
      closedTitle: '{{host}} 上 {{since}} 至 {{until}} 关闭的连接：{{n}}',
      truncated: '只列出前 {{n}} 条：请缩小时间窗口或提高 --limit。',
      statsTitle: '录制窗口 {{since}} – {{until}}：{{points}} 个点，每点 {{seconds}} 秒',
      info: {
        file: '文件',
        host: '主机',
        created: '创建于',
        range: '范围',
        size: '大小',
        rows: '行数',
        rowsValue: '{{ticks}} 个刷新点，{{keyframes}} 个关键帧，{{closed}} 个已关闭连接，{{transitions}} 次状态转换',
        limits: '限制',
        limitsValue: '保留 {{retention}}，最多 {{size}}，每 {{keyframe}} 一个关键帧',
        writer: '录制进程',
        writerOpen: '{{host}} 上的 pid {{pid}}，自 {{since}} 起（正在录制，或未正常关闭）',
        writerClean: '上一个为 {{host}} 上的 pid {{pid}}，已正常关闭',
        gaps: '空缺',
        empty: '空',
        none: '无',
      },
    },
  },
};
