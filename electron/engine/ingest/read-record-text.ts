/** Reads one record's full text again from its file, for formats that render it on demand. */
import type { BinaryFormatPlugin } from '../formats/binary-format';
import { formatById } from '../formats/registry';
import { openRegularFile } from './open-file';

export async function readRecordText(path: string, format: string, position: number): Promise<string | undefined> {
  const plugin = formatById(format);
  if (!plugin || !('kind' in plugin) || !(plugin as BinaryFormatPlugin).recordText) return undefined;
  // The file may have been replaced since it was loaded (by a FIFO, even): never block on it.
  const { handle, stat } = await openRegularFile(path);
  try {
    const { size } = stat;
    return await (plugin as BinaryFormatPlugin).recordText!(
      {
        size,
        async read(offset, length) {
          const buffer = new Uint8Array(Math.max(0, Math.min(length, size - offset)));
          if (buffer.length === 0) return buffer;
          const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
          return buffer.subarray(0, bytesRead);
        },
      },
      position,
    );
  } finally {
    await handle.close();
  }
}
