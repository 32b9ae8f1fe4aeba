/**
 * What the server and the agent share about their logs: {@link io.printbridge.logging.LogSafe},
 * which makes text from outside (certificates, agent messages) safe to put in a log line, and
 * {@link io.printbridge.logging.LogEncoder}, the text-or-JSON encoder their logback.xml use.
 */
@NullMarked
package io.printbridge.logging;

import org.jspecify.annotations.NullMarked;
