/**
 * The proof under faults (issue 13): what a run recorded (every accepted job and its final state,
 * every copy a printer received, every drawer pulse) and the checker that holds that history
 * against the product's promises. The harness that drives real processes through faults and
 * records the history is still to come; the checker is written first so that it can be tested
 * on its own, with histories made to break each promise.
 */
@NullMarked
package io.printbridge.faults;

import org.jspecify.annotations.NullMarked;
