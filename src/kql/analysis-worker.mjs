// Worker thread of the analysis pool: loads Kusto.Language once, builds the GlobalState once, then analyses
// each query it is sent. Plain JS so it can register tsx itself, whatever the parent was started with.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { QueryAnalyzer } = await import('./analyze.ts');
const analyzer = new QueryAnalyzer(workerData.snapshot);
parentPort.on('message', ({ id, text }) => {
  try {
    parentPort.postMessage({ id, result: analyzer.analyze(text) });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error?.stack ?? error) });
  }
});
parentPort.postMessage({ ready: true });
