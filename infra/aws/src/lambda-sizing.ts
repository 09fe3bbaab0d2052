/**
 * Memory for every API function, justified by `lambda.maxRssMb.<handler>` in bench/results.json
 * (peak resident memory over 1,000 invocations of the bundled handler): the largest measured peak
 * must stay under this with room for bigger payloads. Lambda also scales CPU with memory, and
 * cold-start import time (`lambda.initMs.*`) is CPU-bound, so the value is not simply the minimum
 * that fits — see docs/cost-model.md for the trade-off.
 */
export const lambdaMemoryMb = 512;
