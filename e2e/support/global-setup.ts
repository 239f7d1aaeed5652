/** Says once, at the start of the e2e run, whether the Electron specs can run here. */
import { ELECTRON_SKIP_REASON, electronBinary } from './electron-binary';

export default function globalSetup(): void {
  const binary = electronBinary();
  console.log(binary ? `Electron specs will run with ${binary}` : ELECTRON_SKIP_REASON);
}
