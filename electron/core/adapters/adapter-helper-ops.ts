// The privileged helper's adapter operations: the same schemas and checks as core, run as root.
import { channels } from '../../../shared/contract';
import type { AppError } from '../../../shared/model/errors';
import { createAdapterService, type AdapterService } from './adapter-service';

type Issues = readonly { path: PropertyKey[]; message: string }[];

let service: AdapterService | null = null;

/** Runs `adapter:create` or `adapter:remove` for the helper; `invalid` turns schema issues into its keyed error. */
export async function runAdapterOp(
  op: 'adapter:create' | 'adapter:remove',
  request: unknown,
  invalid: (issues: Issues) => AppError,
): Promise<unknown> {
  service ??= createAdapterService();
  if (op === 'adapter:create') {
    const parsed = channels['adapter:create'].request.safeParse(request ?? {});
    if (!parsed.success) throw invalid(parsed.error.issues);
    return { adapter: await service.create(parsed.data), viaHelper: true };
  }
  const parsed = channels['adapter:remove'].request.safeParse(request ?? {});
  if (!parsed.success) throw invalid(parsed.error.issues);
  await service.remove(parsed.data.name);
  return { name: parsed.data.name, removed: true, viaHelper: true };
}
