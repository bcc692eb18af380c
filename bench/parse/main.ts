// Times the app's own import code (bundled for production, as the app bundles it) in Chromium.
import { measureCompare } from '../compareClass';
import { openPipeline, timeRuns, timeStages, type StageTimes } from '../importStages';

declare global {
  interface Window {
    /** Median open-pipeline time (decode + parse + validate) for the file at `url`. */
    __benchParse: (url: string, runs: number) => Promise<number>;
    /** Median time of each import stage, count caps lifted when `uncapped`. */
    __benchStages: (
      url: string,
      uncapped: boolean,
      runs: number,
    ) => Promise<StageTimes & { fastest: number }>;
    /** Median ms to compare a class of `students` maps of `nodes` nodes with a `nodes`-node model. */
    __benchCompare: (nodes: number, students: number, runs: number) => number;
  }
}

const bytesOf = async (url: string) => new Uint8Array(await (await fetch(url)).arrayBuffer());

window.__benchParse = async (url, runs) => {
  const bytes = await bytesOf(url);
  if (!openPipeline(bytes)) throw new Error(`${url} did not parse`);
  return timeRuns(() => openPipeline(bytes), runs);
};

window.__benchStages = async (url, uncapped, runs) =>
  timeStages(await bytesOf(url), uncapped, runs);

window.__benchCompare = (nodes, students, runs) => measureCompare(nodes, students, runs).medianMs;
