// One image is decoded at a time in this process (issue 14 point 7): uploads still stream to disk meanwhile,
// only their re-encoding and their sizes wait their turn. Ten 27-megapixel JPEGs at once took the server to
// 1.2 GB with no bound and mozjpeg, 726 MB two at a time (bench/RESULTS.md); one at a time, the cost is one
// image's pipeline whatever the number of uploads.
const SLOTS = 1;
let busy = 0;
const waiting: Array<() => void> = [];

export async function imageSlot<T>(work: () => Promise<T>): Promise<T> {
  if (busy >= SLOTS) await new Promise<void>((resolve) => waiting.push(resolve));
  else busy++;
  try {
    return await work();
  } finally {
    // The slot passes straight to the next waiter (busy stays counted), so no newcomer can slip in between.
    const next = waiting.shift();
    if (next) next();
    else busy--;
  }
}
