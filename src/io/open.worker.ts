/// <reference lib="webworker" />
import { answerOpen, type OpenRequest } from './openAnswer';

// Reading, checking and laying out a large map takes hundreds of milliseconds; here it never
// holds up the page, which keeps drawing its progress note and answering keys meanwhile. The
// answer crosses back by structured clone.
self.onmessage = (event: MessageEvent<OpenRequest>) => {
  self.postMessage(answerOpen(event.data.bytes));
};
