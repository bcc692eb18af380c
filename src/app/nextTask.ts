/**
 * Resolves in a task of its own, so that long work can be cut into pieces between which the
 * page takes input and paints. A message, not a timer: no clamping, no minimum delay.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
