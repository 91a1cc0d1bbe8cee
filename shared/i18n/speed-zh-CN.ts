// Simplified Chinese strings of the fast paths: an answer taken from a running netinspect's live table.
import type { speedEn } from './speed-en';
import type { Translated } from './translated';

/** The `speed` section merged into the zh-CN dictionary. */
export const speedZhCN: Translated<typeof speedEn> = {
  speed: {
    warmTable:
      '取自已在运行的 netinspect（{{host}}，pid {{pid}}）的实时表，{{age}} 秒前。使用 --cold 可自行取一次快照。',
    cutShort: '正在运行的 netinspect 中途停止了应答（{{reason}}）：请再运行一次命令，或加上 --cold 在本进程读取内核。',
    host: { electron: '窗口', browser: 'netinspect serve', cli: 'netinspect 命令' },
  },
};
