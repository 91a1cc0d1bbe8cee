// 时间线存储的简体中文文本：无法打开的录制文件、暂停的录制、TIME 输入。
import type { timelineEn } from './timeline-en';
import type { Translated } from './translated';

/** Sections merged into the zh-CN dictionary; the type keeps its keys equal to the English ones. */
export const timelineZhCN: Translated<typeof timelineEn> = {
  timeline: {
    error: {
      notSqlite:
        '"{{file}}" 不是 netinspect 录制文件（它不是 SQLite 数据库）。请选择由 netinspect record 或应用写入的文件。',
      foreign: '"{{file}}" 是 SQLite 数据库，但不是 netinspect 录制文件。请选择由 netinspect record 或应用写入的文件。',
      missing: '"{{file}}" 处没有录制文件。请检查路径，或用 netinspect record --db FILE 开始录制。',
      newerSchema:
        '"{{file}}" 由更新版本的 netinspect 写入（录制格式 {{found}}；本版本最多读取 {{supported}}）。请更新 netinspect 后再打开。',
      corrupt: '"{{file}}" 已损坏（{{detail}}）。文件未被改动：请打开完好的副本，或用 --db 录制到新文件。',
      locked:
        '"{{file}}" 正由另一个录制进程写入（{{host}} 上的 pid {{pid}}，自 {{since}} 起）。请先停止该录制进程，或用 --db 录制到其他文件。',
      unwritable: '无法写入录制文件 "{{file}}"：{{reason}}。请用 --db 选择可写的文件夹，或修正该文件夹的权限。',
      outOfRange: '{{time}} 没有录制：此录制覆盖 {{from}} 至 {{to}}。请在此范围内选择时间。',
      empty: '录制文件 "{{file}}" 还没有任何数据：请等录制进程写入第一秒后再试。',
      sqliteUnavailable:
        '录制需要 SQLite 绑定（libsql），但无法加载（{{detail}}）。请重新安装 netinspect 的依赖（npm install）后再试。',
    },
    paused: {
      diskFull: '录制已暂停："{{file}}" 所在磁盘已满。实时视图照常工作；释放空间后录制会自动恢复。',
      unwritable: '录制已暂停："{{file}}" 无法写入（{{reason}}）。实时视图照常工作；可以写入后录制会自动恢复。',
      failed: '录制已暂停：写入 "{{file}}" 失败（{{reason}}）。实时视图照常工作；netinspect 每隔几秒重试一次。',
    },
    input: {
      time: '{{field}} "{{value}}" 无效：请输入 ISO 8601 时间（2026-12-01T03:02:17，其他时区请加 Z 或 +08:00）、今天的时刻（03:02 或 03:02:17）或相对现在的时间（-10m、-2h、-1d）。',
    },
  },
};
